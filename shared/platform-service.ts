/** What `GET /api/health` names itself: how an app tells a phone.systems platform from any web server. */
export const PLATFORM_SERVICE = 'phone.systems'
