// Test helper (imported by *.test.jsx only): a fake auth_service behind a mocked fetch.
// `on(method, path, answer)` adds a route (newest first); `path` is a string or a RegExp on
// the pathname; `answer` is [status, body] or (call, match) => [status, body].
// Every request is kept in `calls` as {method, path, query, body}.
import { vi } from 'vitest'

export function fakeApi() {
  const routes = []
  const calls = []
  const on = (method, path, answer) => {
    routes.unshift({ method, path, answer })
    return api
  }
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (url, init = {}) => {
    const method = init.method || 'GET'
    const parsed = new URL(url, 'http://localhost')
    const call = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    calls.push(call)
    for (const route of routes) {
      if (route.method !== method) continue
      const match = typeof route.path === 'string' ? route.path === parsed.pathname && [parsed.pathname] : route.path.exec(parsed.pathname)
      if (!match) continue
      const [status, body] = typeof route.answer === 'function' ? await route.answer(call, match) : route.answer
      return reply(status, body)
    }
    return reply(404, { detail: `No fake route for ${method} ${parsed.pathname}` })
  })
  const api = {
    on,
    calls,
    fetch,
    // the calls to one method and path (exact pathname or RegExp)
    made: (method, path) =>
      calls.filter((call) => call.method === method && (typeof path === 'string' ? call.path === path : path.test(call.path))),
  }
  return api
}

export function reply(status, body) {
  return new Response(status === 204 || body === null || body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

export const page = (results, count = results.length) => ({ count, next: null, previous: null, results })
