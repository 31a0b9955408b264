// The deterministic install spec of an app: per platform the package to add, the environment
// variables, the init snippet and, for the web frameworks added on 2026-05-08 (nextjs, vite,
// react-router), the provider file to create. The same app and platforms give the same spec.
import type { SdkApp, SdkPlatform } from '../../state/types.ts';
import { ingestEndpoint } from './provision.ts';

const sdkVersion = '1.4.0';

interface Dependency {
  manager: 'spm' | 'gradle' | 'npm' | 'pub';
  package: string;
  url: string | null;
  from: string;
}

const dependencies: Record<SdkPlatform, Dependency> = {
  ios: { manager: 'spm', package: 'LayersSDK', url: 'https://github.com/layers/layers-ios-sdk', from: sdkVersion },
  android: { manager: 'gradle', package: 'com.layers:layers-android', url: null, from: sdkVersion },
  web: { manager: 'npm', package: '@layers/web', url: null, from: sdkVersion },
  'react-native': { manager: 'npm', package: '@layers/react-native', url: null, from: sdkVersion },
  flutter: { manager: 'pub', package: 'layers_sdk', url: null, from: sdkVersion },
  expo: { manager: 'npm', package: '@layers/expo', url: null, from: sdkVersion },
  nextjs: { manager: 'npm', package: '@layers/web', url: null, from: sdkVersion },
  vite: { manager: 'npm', package: '@layers/web', url: null, from: sdkVersion },
  'react-router': { manager: 'npm', package: '@layers/web', url: null, from: sdkVersion },
};

/** Frameworks that expose only prefixed variables to browser code. */
const envPrefixes: Partial<Record<SdkPlatform, string>> = { nextjs: 'NEXT_PUBLIC_', vite: 'VITE_' };

function initSnippet(platform: SdkPlatform, prefix: string): string {
  switch (platform) {
    case 'ios':
      return 'import LayersSDK\n\nLayers.configure(appId: ProcessInfo.processInfo.environment["LAYERS_APP_ID"]!)';
    case 'android':
      return 'Layers.configure(context, BuildConfig.LAYERS_APP_ID)';
    case 'flutter':
      return "import 'package:layers_sdk/layers_sdk.dart';\n\nawait Layers.configure(appId: const String.fromEnvironment('LAYERS_APP_ID'));";
    case 'vite':
      return "import { Layers } from '@layers/web';\n\nLayers.configure({ appId: import.meta.env.VITE_LAYERS_APP_ID });";
    default:
      return `import { Layers } from '${dependencies[platform].package}';\n\nLayers.configure({ appId: process.env.${prefix}LAYERS_APP_ID });`;
  }
}

function filesToCreate(platform: SdkPlatform): { path: string; contents: string }[] {
  switch (platform) {
    case 'nextjs':
      return [
        {
          path: 'app/layers-provider.tsx',
          contents:
            "'use client';\n\nimport { useEffect } from 'react';\nimport { Layers } from '@layers/web';\n\nexport function LayersProvider({ children }: { children: React.ReactNode }) {\n  useEffect(() => {\n    Layers.configure({ appId: process.env.NEXT_PUBLIC_LAYERS_APP_ID! });\n  }, []);\n  return children;\n}\n",
        },
      ];
    case 'vite':
      return [{ path: 'src/layers.ts', contents: "import { Layers } from '@layers/web';\n\nLayers.configure({ appId: import.meta.env.VITE_LAYERS_APP_ID });\n" }];
    case 'react-router':
      return [{ path: 'app/layers.client.ts', contents: "import { Layers } from '@layers/web';\n\nLayers.configure({ appId: window.ENV.LAYERS_APP_ID });\n" }];
    default:
      return [];
  }
}

export function platformInstallSpec(app: SdkApp, platform: SdkPlatform): Record<string, unknown> {
  const prefix = envPrefixes[platform] ?? '';
  return {
    platform,
    dependency: { ...dependencies[platform] },
    envVars: [
      { name: `${prefix}LAYERS_APP_ID`, value: app.appId },
      { name: `${prefix}LAYERS_INGEST_ENDPOINT`, value: ingestEndpoint },
    ],
    initSnippet: initSnippet(platform, prefix),
    filesToCreate: filesToCreate(platform),
  };
}

export function installSpec(app: SdkApp, platforms: SdkPlatform[]): Record<string, unknown> {
  return { appId: app.appId, platforms: platforms.map((platform) => platformInstallSpec(app, platform)) };
}
