/** How `Blocked addresses` words what Kamailio records about a block. */

const REASONS: Record<string, string> = {
  flood: 'Too many requests',
  'authentication failures': 'Failed sign-ins',
}

/** The Reason column: Kamailio's reason in the console's words, or as recorded when unknown. */
export function blockReasonText(reason: string): string {
  return REASONS[reason] ?? reason
}

/** "5 minutes": how long a block lasts, from the platform's `blockSeconds`. */
export function blockDurationText(seconds: number): string {
  if (seconds % 60 !== 0) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
  const minutes = seconds / 60
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
}
