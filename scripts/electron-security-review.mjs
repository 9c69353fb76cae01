// The comparison behind `npm run check:electron` (scripts/electron-security.mjs): which
// electronegativity findings are explained in electron/security-review.json, which are
// not, and which explanations no longer match anything. Pure functions, unit-tested in
// test/unit/electron-security-review.test.ts.
//
// An explanation names a check id and a file (a path from the repository root, or "N/A"
// for a finding about the app as a whole), never a line: it stays true while the file is
// edited, and it explains every finding of that check in that file.

/** Severities that fail the check unless explained; LOW and INFORMATIONAL are only shown. */
export const GATED_SEVERITIES = ['HIGH', 'MEDIUM']

export const VERDICTS = ['accepted', 'false positive']

/** The file name electronegativity gives a finding about the whole scanned tree. */
export const GLOBAL_FILE = 'N/A'

/**
 * The explanations file's entries, or the reasons it is malformed. Every entry needs a
 * check id, a file, a verdict and a one-line reason; two entries for the same check and
 * file are an error (one of them would never be used).
 */
export function parseExplanations(json) {
  const errors = []
  const entries = Array.isArray(json?.explanations) ? json.explanations : undefined
  if (!entries) return { explanations: [], errors: ['expected {"explanations": [...]}'] }
  const explanations = []
  const seen = new Set()
  entries.forEach((entry, index) => {
    const where = `explanations[${index}]`
    const problems = []
    for (const field of ['check', 'file', 'verdict', 'reason']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') {
        problems.push(`${field} is missing`)
      }
    }
    if (problems.length === 0) {
      if (!VERDICTS.includes(entry.verdict)) {
        problems.push(`verdict must be one of: ${VERDICTS.map((v) => `"${v}"`).join(', ')}`)
      }
      if (/[\r\n]/.test(entry.reason)) problems.push('reason must be one line')
      if (entry.file.includes('\\') || entry.file.startsWith('./')) {
        problems.push('file must be a path from the repository root with "/" separators')
      }
      const key = keyOf(entry.check, entry.file)
      if (seen.has(key)) problems.push(`a second entry for ${entry.check} in ${entry.file}`)
      seen.add(key)
    }
    if (problems.length > 0) errors.push(`${where}: ${problems.join('; ')}`)
    else explanations.push(entry)
  })
  return { explanations, errors }
}

/** A finding as the report shows it, from one electronegativity issue. */
export function toFinding(issue, relativeFile) {
  return {
    check: issue.id,
    file: relativeFile,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? 'UNKNOWN',
    confidence: issue.confidence?.name ?? 'UNKNOWN',
    manualReview: Boolean(issue.manualReview),
    description: issue.description ?? '',
    url: issue.shortenedURL ?? '',
  }
}

export function isGated(finding) {
  return GATED_SEVERITIES.includes(finding.severity)
}

/**
 * Sorts findings into explained, unexplained and not gated (LOW, INFORMATIONAL), and
 * lists the explanations that match no gated finding (stale: the code changed, or the
 * entry has a typo). The check passes when `unexplained` and `stale` are both empty.
 */
export function review(findings, explanations) {
  const byKey = new Map(explanations.map((e) => [keyOf(e.check, e.file), e]))
  const used = new Set()
  const explained = []
  const unexplained = []
  const notGated = []
  for (const finding of sortFindings(findings)) {
    if (!isGated(finding)) {
      notGated.push(finding)
      continue
    }
    const key = keyOf(finding.check, finding.file)
    const explanation = byKey.get(key)
    if (explanation) {
      used.add(key)
      explained.push({ finding, explanation })
    } else {
      unexplained.push(finding)
    }
  }
  const stale = explanations.filter((e) => !used.has(keyOf(e.check, e.file)))
  return { explained, unexplained, notGated, stale }
}

export function formatFinding(finding) {
  const where = finding.file === GLOBAL_FILE ? GLOBAL_FILE : `${finding.file}:${finding.line}`
  const review = finding.manualReview ? ', review required' : ''
  return `${finding.severity}/${finding.confidence}${review} ${finding.check} ${where}`
}

function keyOf(check, file) {
  return `${check}\u0000${file}`
}

function sortFindings(findings) {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.check.localeCompare(b.check),
  )
}
