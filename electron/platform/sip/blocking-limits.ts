/**
 * Kamailio's brute-force blocking, rendered into its config: this many failed
 * digest authentications from one address within the window block it. One
 * desk phone with a wrong password retrying behind an office NAT reaches the
 * limit only after minutes of failures; a guesser, in a second.
 */
export const SIP_BLOCKING = {
  authFailLimit: 20,
  authFailWindowSeconds: 60,
  blockSeconds: 300,
} as const
