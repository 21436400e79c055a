// DESIGN §3: one origin, routed by path prefix to the service that owns it. nginx does the
// same in Docker (issue 11); here it configures the Vite dev and preview servers' proxy.
// Targets come from the same environment variables the services use to find each other.

const env = (name, fallback) => (typeof process !== 'undefined' && process.env[name]) || fallback

export function gatewayTargets() {
  return {
    auth: env('AUTH_SERVICE_URL', 'http://127.0.0.1:8000'),
    workflow: env('WORKFLOW_API_URL', 'http://127.0.0.1:8002'),
    tickets: env('TICKET_SERVICE_URL', 'http://127.0.0.1:8004'),
    messaging: env('MESSAGING_SERVICE_URL', 'http://127.0.0.1:8005'),
    notifications: env('NOTIFICATION_SERVICE_URL', 'http://127.0.0.1:8006'),
  }
}

// Most specific first; auth_service is the fallback for any other /api/v1/ path
// (system slugs such as /api/v1/tts/roles/ are data).
export const ROUTES = [
  ['/api/v1/tickets/', 'tickets'],
  ['/api/v1/workflows/', 'workflow'],
  ['/api/v1/workflow-tickets/', 'workflow'],
  ['/api/v1/steps/', 'workflow'],
  ['/api/v1/transitions/', 'workflow'],
  ['/api/v1/tasks/', 'workflow'],
  ['/api/v1/calendars/', 'workflow'],
  ['/api/v1/reports/', 'workflow'],
  ['/api/v1/audit/', 'workflow'],
  ['/api/v1/comments/', 'messaging'],
  ['/ws/', 'messaging'],
  ['/api/v1/notifications/', 'notifications'],
  ['/api/v1/', 'auth'],
  ...['auth', 'tickets', 'workflow', 'messaging', 'notifications'].flatMap((short) =>
    ['admin', 'static', 'api/docs', 'api/schema', 'health'].map((kind) => [`/${kind}/${short}/`, short]),
  ),
]

export function proxyConfig(targets = gatewayTargets()) {
  const proxy = {}
  for (const [prefix, service] of ROUTES) {
    proxy[prefix] = { target: targets[service], changeOrigin: false, ws: prefix === '/ws/', xfwd: true }
  }
  return proxy
}
