import { describe, expect, it } from 'vitest'

import { ROUTES, proxyConfig } from './gateway.js'

const targets = {
  auth: 'http://auth',
  workflow: 'http://workflow',
  tickets: 'http://tickets',
  messaging: 'http://messaging',
  notifications: 'http://notifications',
}

// What the gateway does with a path: the first (most specific) prefix that matches.
const route = (path) => ROUTES.find(([prefix]) => path.startsWith(prefix))[1]

describe('the gateway table (DESIGN §3)', () => {
  it.each([
    ['/api/v1/users/token/', 'auth'],
    ['/api/v1/tts/roles/', 'auth'],
    ['/api/v1/tickets/TKT-2026-000001/', 'tickets'],
    ['/api/v1/tasks/7/action/', 'workflow'],
    ['/api/v1/reports/summary/', 'workflow'],
    ['/api/v1/comments/?ticket=x', 'messaging'],
    ['/ws/tickets/TKT-2026-000001/', 'messaging'],
    ['/api/v1/notifications/unread-count/', 'notifications'],
    ['/admin/workflow/', 'workflow'],
    ['/health/notifications/', 'notifications'],
    ['/api/docs/tickets/', 'tickets'],
  ])('%s goes to %s', (path, service) => {
    expect(route(path)).toBe(service)
  })

  it('proxies websockets only under /ws/, each prefix to its service', () => {
    const proxy = proxyConfig(targets)
    expect(proxy['/ws/']).toMatchObject({ target: 'http://messaging', ws: true })
    expect(proxy['/api/v1/tickets/']).toMatchObject({ target: 'http://tickets', ws: false })
    expect(proxy['/api/v1/'].target).toBe('http://auth')
  })
})
