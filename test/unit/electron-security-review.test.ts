import { describe, expect, it } from 'vitest'
import {
  formatFinding,
  parseExplanations,
  review,
  toFinding,
  type Explanation,
  type Finding,
} from '../../scripts/electron-security-review.mjs'

function finding(check: string, file: string, severity = 'MEDIUM', line = 1): Finding {
  return {
    check,
    file,
    line,
    column: 0,
    severity,
    confidence: 'FIRM',
    manualReview: false,
    description: 'd',
    url: 'u',
  }
}

function explanation(check: string, file: string): Explanation {
  return { check, file, verdict: 'accepted', reason: 'because' }
}

describe('electron security review', () => {
  it('explains a finding by check id and file, whatever its line', () => {
    const findings = [
      finding('AUXCLICK_JS_CHECK', 'electron/main/window.ts', 'MEDIUM', 12),
      finding('AUXCLICK_JS_CHECK', 'electron/main/window.ts', 'MEDIUM', 80),
    ]
    const result = review(findings, [explanation('AUXCLICK_JS_CHECK', 'electron/main/window.ts')])
    expect(result.explained.map((e) => e.finding.line)).toEqual([12, 80])
    expect(result.unexplained).toEqual([])
    expect(result.stale).toEqual([])
  })

  it('leaves the same check in another file, or another check in the same file, unexplained', () => {
    const findings = [
      finding('AUXCLICK_JS_CHECK', 'electron/main/tray/window.ts'),
      finding('SANDBOX_JS_CHECK', 'electron/main/window.ts', 'HIGH'),
    ]
    const result = review(findings, [explanation('AUXCLICK_JS_CHECK', 'electron/main/window.ts')])
    expect(result.unexplained.map((f) => `${f.check} ${f.file}`)).toEqual([
      'AUXCLICK_JS_CHECK electron/main/tray/window.ts',
      'SANDBOX_JS_CHECK electron/main/window.ts',
    ])
  })

  it('reports an explanation that matches no HIGH or MEDIUM finding as stale', () => {
    const findings = [finding('CSP_GLOBAL_CHECK', 'renderer/index.html', 'LOW')]
    const entries = [
      explanation('CSP_GLOBAL_CHECK', 'renderer/index.html'),
      explanation('PRELOAD_JS_CHECK', 'electron/main/window.ts'),
    ]
    const result = review(findings, entries)
    expect(result.stale).toEqual(entries)
    expect(result.notGated).toEqual(findings)
    expect(result.explained).toEqual([])
  })

  it('gates HIGH and MEDIUM only', () => {
    const findings = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((severity) =>
      finding('X', 'a.ts', severity),
    )
    const result = review(findings, [])
    expect(result.unexplained.map((f) => f.severity)).toEqual(['HIGH', 'MEDIUM'])
    expect(result.notGated.map((f) => f.severity)).toEqual(['LOW', 'INFORMATIONAL'])
  })

  it('matches app-wide findings by the file "N/A"', () => {
    const result = review(
      [finding('LIMIT_NAVIGATION_GLOBAL_CHECK', 'N/A', 'HIGH', 0)],
      [explanation('LIMIT_NAVIGATION_GLOBAL_CHECK', 'N/A')],
    )
    expect(result.explained).toHaveLength(1)
    expect(formatFinding(result.explained[0]!.finding)).toBe(
      'HIGH/FIRM LIMIT_NAVIGATION_GLOBAL_CHECK N/A',
    )
  })

  it('reads an electronegativity issue', () => {
    const issue = {
      id: 'PRELOAD_JS_CHECK',
      file: '/tmp/stage/electron/main/window.ts',
      location: { line: 20, column: 6 },
      severity: { name: 'MEDIUM', value: 2 },
      confidence: { name: 'FIRM', value: 1 },
      manualReview: true,
      description: 'Review the use of preload scripts',
      shortenedURL: 'https://git.io/JeuMu',
    }
    const f = toFinding(issue, 'electron/main/window.ts')
    expect(f).toMatchObject({ check: 'PRELOAD_JS_CHECK', line: 20, severity: 'MEDIUM' })
    expect(formatFinding(f)).toBe(
      'MEDIUM/FIRM, review required PRELOAD_JS_CHECK electron/main/window.ts:20',
    )
  })

  describe('the explanations file', () => {
    it('accepts complete entries', () => {
      const entry = explanation('A', 'electron/main/a.ts')
      expect(parseExplanations({ explanations: [entry] })).toEqual({
        explanations: [entry],
        errors: [],
      })
    })

    it('rejects a missing list, missing fields, a bad verdict, a multi-line reason', () => {
      expect(parseExplanations(undefined).errors).toEqual(['expected {"explanations": [...]}'])
      const { explanations, errors } = parseExplanations({
        explanations: [
          { check: 'A', file: 'a.ts' },
          { check: 'B', file: 'b.ts', verdict: 'fine', reason: 'r' },
          { check: 'C', file: 'c.ts', verdict: 'accepted', reason: 'one\ntwo' },
          { check: 'D', file: '.\\d.ts', verdict: 'false positive', reason: 'r' },
        ],
      })
      expect(explanations).toEqual([])
      expect(errors).toEqual([
        'explanations[0]: verdict is missing; reason is missing',
        'explanations[1]: verdict must be one of: "accepted", "false positive"',
        'explanations[2]: reason must be one line',
        'explanations[3]: file must be a path from the repository root with "/" separators',
      ])
    })

    it('rejects a second entry for the same check and file', () => {
      const entry = explanation('A', 'a.ts')
      const { explanations, errors } = parseExplanations({ explanations: [entry, entry] })
      expect(explanations).toEqual([entry])
      expect(errors).toEqual(['explanations[1]: a second entry for A in a.ts'])
    })
  })
})
