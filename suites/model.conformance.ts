// The model-based run: random sequences of child creation, allocations, replays, generations,
// settlements, archives, metadata patches and credit configs, with D25's invariants checked
// against an in-suite model after every step.
import fc from 'fast-check';

import { defineCheck, type Check } from './lib/check.ts';
import { assertProperty } from './lib/property.ts';
import { walletCommands, withInvariants, type WalletModel, type WalletReal } from './lib/wallet-model.ts';

/** The parent's prepaid credits at the start of each run. */
const initialCredits = 1000;
/** The maximum number of commands in one run. */
export const maxCommands = 30;
const hourMs = 60 * 60 * 1000;

export const modelChecks: Check[] = [
  defineCheck({
    id: 'model.wallet-invariants',
    title: 'Random sequences of wallet operations keep D25: conservation, no negative figures, paired transfer rows, no replayed rows',
    area: 'wallets',
    guarantees: ['ALLOC-INVARIANTS', 'CAP-MONTHLY', 'REFILL-FIRES'],
    level: 'inferred',
    requires: ['control'],
    async run(context) {
      const control = context.control!;
      const commands = fc.commands(walletCommands.map((arbitrary) => arbitrary.map(withInvariants)), { maxCommands, size: 'medium' });

      await assertProperty(context, [commands], async (sequence) => {
        // A run never spans a UTC month boundary, so the model's monthly counters stay exact.
        const now = await control.now();
        const nextMonth = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 1);
        if (nextMonth - now < hourMs) {
          await control.advanceClock(nextMonth - now + 60_000);
        }

        const minted = await control.mintKey({ scopes: ['*', 'org:admin'], credits: initialCredits, tier: 'partner' });
        const real: WalletReal = { target: context.target.withKey(minted.key), control, parentId: minted.organizationId, granted: initialCredits };
        const model: WalletModel = { prepaid: initialCredits, children: [], lastAllocation: null };

        try {
          await fc.asyncModelRun(() => ({ model, real }), sequence);
        } finally {
          for (const child of model.children) {
            context.defer(async () => {
              await real.target.call({ method: 'DELETE', path: `/v1/organizations/${child.id}` });
            });
          }
        }
      });
    },
  }),
];
