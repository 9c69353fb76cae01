import { createHash, randomBytes } from 'node:crypto'

/** A bearer token with 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Tokens and activation codes are stored as SHA-256: they carry enough
 * entropy that a fast hash is safe, and a lookup by hash stays an index hit.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A SIP password: 128 random bits, only characters every SIP stack accepts. */
export function newSipPassword(): string {
  return randomBytes(16).toString('hex')
}

/** RFC 2617 HA1 = MD5(username:realm:password), the only SIP secret Kamailio keeps. */
export function sipHa1(username: string, realm: string, password: string): string {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest('hex')
}
