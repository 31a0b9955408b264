// Compares two results.json files check by check and prints a Markdown table: the kit's mock
// against Prism in docs/conformance.md, or a target before and after a change.
//
//   npm run conformance:compare -- <first results.json> <second results.json> [first label] [second label]
import { readFileSync } from 'node:fs';

import type { CheckResult } from '../lib/runner.ts';
import { statusWord } from './progress.ts';

interface ResultsFile {
  target: string;
  checks: CheckResult[];
}

function readResults(path: string): ResultsFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch (error) {
    process.stderr.write(`conformance:compare: cannot read ${path}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

function cell(result: CheckResult | undefined): string {
  return result === undefined ? 'not run' : statusWord(result);
}

/** Shortens the first line of a failure's reason to fit a Markdown table cell, escaping pipes. */
function why(result: CheckResult | undefined): string {
  if (result === undefined || result.status !== 'failed') {
    return '';
  }
  const line = (result.reason ?? '').split('\n')[0] ?? '';
  const short = line.length > 140 ? `${line.slice(0, 139)}…` : line;
  const kind = result.failureKind === 'response-not-conforming' ? 'schema: ' : '';
  return `${kind}${short}`.replace(/\|/g, '\\|');
}

export function compareResults(first: ResultsFile, second: ResultsFile, labels: [string, string]): string {
  const secondById = new Map(second.checks.map((result) => [result.id, result]));
  const rows = first.checks.map((result) => {
    const other = secondById.get(result.id);
    return `| \`${result.id}\` | ${result.level} | ${cell(result)} | ${cell(other)} | ${why(other)} |`;
  });

  const count = (file: ResultsFile, word: string) => file.checks.filter((result) => statusWord(result) === word).length;
  const totals = (file: ResultsFile) => ['PASS', 'FAIL', 'WARN', 'SKIP'].map((word) => `${count(file, word)} ${word}`).join(', ');

  return [
    `| check | level | ${labels[0]} | ${labels[1]} | why it fails on ${labels[1]} |`,
    '|---|---|---|---|---|',
    ...rows,
    '',
    `${labels[0]}: ${totals(first)}. ${labels[1]}: ${totals(second)}.`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [firstPath, secondPath, firstLabel, secondLabel] = process.argv.slice(2);
  if (firstPath === undefined || secondPath === undefined) {
    process.stderr.write('Usage: conformance:compare <first results.json> <second results.json> [first label] [second label]\n');
    process.exit(2);
  }
  process.stdout.write(compareResults(readResults(firstPath), readResults(secondPath), [firstLabel ?? 'first', secondLabel ?? 'second']));
}
