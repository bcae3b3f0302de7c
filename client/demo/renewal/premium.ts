/**
 * This year's premium table for the demo policy (20等級, annual payment).
 * The figures are illustrative but keep the real shape: a plan base, an
 * optional vehicle cover that is cheaper with a higher deductible, and a
 * driver-age factor.
 */
export type PlanId = 'basic' | 'standard' | 'premium';
export type Deductible = 0 | 50000 | 100000;
export type DriverAge = 'all' | '21' | '26' | '35';

export interface RenewalChoice {
  plan: PlanId;
  vehicle: boolean;
  deductible: Deductible;
  driverAge: DriverAge;
}

export const plans: readonly PlanId[] = ['basic', 'standard', 'premium'];
export const deductibles: readonly Deductible[] = [0, 50000, 100000];
export const driverAges: readonly DriverAge[] = ['all', '21', '26', '35'];

const planBase: Record<PlanId, number> = { basic: 38600, standard: 42900, premium: 49800 };
const vehicleCover: Record<Deductible, number> = { 0: 31200, 50000: 25500, 100000: 21800 };
const ageFactor: Record<DriverAge, number> = { all: 1.45, '21': 1.2, '26': 1.0, '35': 0.93 };

/** Last year's contract, which the form starts from so "no change" is one click. */
export const lastYear: RenewalChoice & { premium: number } = {
  plan: 'standard',
  vehicle: true,
  deductible: 50000,
  driverAge: '35',
  premium: 62180,
};

export function premiumOf(choice: RenewalChoice): number {
  const vehicle = choice.vehicle ? vehicleCover[choice.deductible] : 0;
  // Insurers quote premiums in units of 10 yen.
  return Math.round(((planBase[choice.plan] + vehicle) * ageFactor[choice.driverAge]) / 10) * 10;
}

/** Carries the chosen premium to the payment page, which is a separate page load. */
export const RENEWAL_STORAGE_KEY = 'demo.renewal';

export interface StoredRenewal {
  premium: number;
  policyNumber: string;
}

export function saveRenewal(value: StoredRenewal): void {
  try {
    sessionStorage.setItem(RENEWAL_STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Without storage the payment page falls back to the unchanged renewal premium.
  }
}

export function loadRenewal(): StoredRenewal {
  const fallback = { premium: premiumOf(lastYear), policyNumber: '' };
  try {
    const raw = sessionStorage.getItem(RENEWAL_STORAGE_KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<StoredRenewal>;
    return typeof parsed.premium === 'number' && typeof parsed.policyNumber === 'string'
      ? { premium: parsed.premium, policyNumber: parsed.policyNumber }
      : fallback;
  } catch {
    return fallback;
  }
}
