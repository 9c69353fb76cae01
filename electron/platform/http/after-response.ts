import type { FastifyReply } from 'fastify'
import type { Scheduler } from '../invitations/issue'

/**
 * Runs jobs once the response has been written, or the client went away:
 * `close` fires in both cases, so the job is never lost with the connection.
 */
export function afterResponse(reply: FastifyReply): Scheduler {
  return (job) => {
    if (reply.raw.writableFinished || reply.raw.destroyed) job()
    else reply.raw.once('close', job)
  }
}
