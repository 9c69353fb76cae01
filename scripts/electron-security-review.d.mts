// Types for scripts/electron-security-review.mjs, for its unit test.

export interface Explanation {
  check: string
  file: string
  verdict: 'accepted' | 'false positive'
  reason: string
}

export interface Finding {
  check: string
  file: string
  line: number
  column: number
  severity: string
  confidence: string
  manualReview: boolean
  description: string
  url: string
}

/** One issue as electronegativity's runner returns it (the fields used here). */
export interface Issue {
  id: string
  file: string
  location?: { line: number; column: number }
  severity?: { name: string; value: number }
  confidence?: { name: string; value: number }
  manualReview?: boolean
  description?: string
  shortenedURL?: string
}

export const GATED_SEVERITIES: readonly string[]
export const VERDICTS: readonly string[]
export const GLOBAL_FILE: string

export function parseExplanations(json: unknown): { explanations: Explanation[]; errors: string[] }
export function toFinding(issue: Issue, relativeFile: string): Finding
export function isGated(finding: Finding): boolean
export function review(
  findings: readonly Finding[],
  explanations: readonly Explanation[],
): {
  explained: { finding: Finding; explanation: Explanation }[]
  unexplained: Finding[]
  notGated: Finding[]
  stale: Explanation[]
}
export function formatFinding(finding: Finding): string
