import type { Database } from '../db/connection'
import type { Mailer } from '../mail/mailer'
import { renderInvitationEmail } from '../mail/invitation-email'
import { audit } from '../audit'
import { buildActivationPageLink } from '@shared/activation-code'
import { DOWNLOAD_PAGE_PATH } from '@shared/softphone-paths'
import {
  failUnsentInvitations,
  getInvitationWithRecipient,
  markInvitationFailed,
  markInvitationSent,
} from './repository'

/** Waits between tries of a failed send: 2 s, 10 s, 1 min, 5 min, 15 min, then the admin resends. */
export const RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000, 900_000] as const

export interface DispatcherOptions {
  db: Database
  mailer: Mailer
  publicUrl: string
  mailFrom: string
  companyName?: string | undefined
  timeZone: string
  now(): number
  retryDelaysMs?: readonly number[]
  log?: (message: string, extra?: Record<string, unknown>) => void
}

interface Job {
  invitationId: number
  code: string
  timer?: NodeJS.Timeout
}

/**
 * Sends invitations after their transaction commits, never inside a
 * request: an admin saving a line does not wait on the mail server, and a
 * mail server that is down does not lose the user or the line.
 *
 * The plain code lives only here, in memory, until the mail is out: the
 * database keeps its hash. A restart before sending marks the invitation
 * failed with a reason, and the admin sends a new one.
 */
export class InvitationDispatcher {
  private readonly jobs = new Map<number, Job>()
  private readonly inFlight = new Set<Promise<void>>()
  private closed = false
  private readonly delays: readonly number[]

  constructor(private readonly opts: DispatcherOptions) {
    this.delays = opts.retryDelaysMs ?? RETRY_DELAYS_MS
  }

  /** Queues a committed invitation for sending now. */
  dispatch(invitationId: number, code: string): void {
    if (this.closed) return
    this.cancel(invitationId)
    const job: Job = { invitationId, code }
    this.jobs.set(invitationId, job)
    this.run(job)
  }

  /** Forgets a queued send (its invitation was revoked or its user deleted). */
  cancel(invitationId: number): void {
    const job = this.jobs.get(invitationId)
    if (job?.timer) clearTimeout(job.timer)
    this.jobs.delete(invitationId)
  }

  /** Invitations left pending by a previous run cannot be sent: their codes were never stored. */
  async recoverAfterRestart(): Promise<void> {
    await this.opts.db.transaction(async (tx) => {
      for (const id of await failUnsentInvitations(tx)) {
        await audit(tx, {
          actor: 'system',
          action: 'invitation.abandoned',
          entityType: 'invitation',
          entityId: id,
        })
      }
    })
  }

  /** Stops retrying and waits for sends already under way. */
  async close(): Promise<void> {
    this.closed = true
    for (const id of [...this.jobs.keys()]) this.cancel(id)
    await Promise.allSettled([...this.inFlight])
  }

  private run(job: Job): void {
    const attempt = this.attempt(job).catch((err: unknown) =>
      this.opts.log?.('invitation send bookkeeping failed', {
        err,
        invitationId: job.invitationId,
      }),
    )
    this.inFlight.add(attempt)
    void attempt.finally(() => this.inFlight.delete(attempt))
  }

  private async attempt(job: Job): Promise<void> {
    const { db, now } = this.opts
    const row = await getInvitationWithRecipient(db, job.invitationId)
    // Revoked, used or deleted meanwhile: nothing to send.
    if (
      !row ||
      (row.status !== 'pending' && row.status !== 'failed') ||
      this.jobs.get(job.invitationId) !== job
    ) {
      this.jobs.delete(job.invitationId)
      return
    }
    let error: string | null = null
    try {
      const message = await renderInvitationEmail({
        from: this.opts.mailFrom,
        to: row.email,
        firstName: row.first_name,
        companyName: this.opts.companyName,
        code: job.code,
        activationLink: buildActivationPageLink(this.opts.publicUrl, job.code),
        downloadUrl: `${this.opts.publicUrl}${DOWNLOAD_PAGE_PATH}`,
        internalNumber: row.internal_number,
        didNumber: row.did_number,
        expiresAt: new Date(row.expires_at),
        timeZone: this.opts.timeZone,
      })
      await this.opts.mailer.send(message)
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    if (this.jobs.get(job.invitationId) !== job) return
    const attempts = row.send_attempts + 1
    const delay = this.delays[attempts - 1]
    const retryAt = error !== null && delay !== undefined ? now() + delay : null
    await db.transaction(async (tx) => {
      const changed =
        error === null
          ? await markInvitationSent(tx, job.invitationId, now(), attempts)
          : await markInvitationFailed(tx, job.invitationId, error, retryAt, attempts)
      if (!changed) return
      await audit(tx, {
        actor: 'system',
        action: error === null ? 'invitation.sent' : 'invitation.failed',
        entityType: 'invitation',
        entityId: job.invitationId,
        after: error === null ? { status: 'sent' } : { status: 'failed', reason: error, attempts },
      })
    })
    if (error === null || retryAt === null) {
      this.jobs.delete(job.invitationId)
      if (error !== null)
        this.opts.log?.('invitation send gave up', { invitationId: job.invitationId, error })
      return
    }
    this.opts.log?.('invitation send failed; will retry', {
      invitationId: job.invitationId,
      error,
      retryAt,
    })
    job.timer = setTimeout(() => this.run(job), retryAt - now())
    job.timer.unref()
  }
}
