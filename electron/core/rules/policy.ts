import type { LoanPolicy } from '../../../shared/domain';

/**
 * The policy that applies to a reader category and a material type: the exact
 * pair first, then category with any type, then any category with the type,
 * then the default ("*", "*").
 */
export function resolvePolicy(policies: LoanPolicy[], category: string, materialType: string): LoanPolicy | undefined {
  const find = (c: string, m: string) => policies.find((p) => p.patronCategory === c && p.materialType === m);
  return find(category, materialType) ?? find(category, '*') ?? find('*', materialType) ?? find('*', '*');
}

export function policyKey(policy: LoanPolicy): string {
  return `${policy.patronCategory}/${policy.materialType}`;
}
