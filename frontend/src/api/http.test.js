import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError, api, query } from './http.js'

function reply(status, body, headers = {}) {
  return Promise.resolve(
    new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    }),
  )
}

describe('the HTTP client', () => {
  afterEach(() => {
    document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
  })

  it('sends the cookie session with the CSRF header on unsafe methods only', async () => {
    document.cookie = 'csrftoken=abc123'
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => reply(200, {}))
    await api.get('/api/v1/tickets/', { status: 'open', page: 2 })
    await api.post('/api/v1/comments/', { body: 'hi' })
    const [getUrl, getInit] = fetch.mock.calls[0]
    const [, postInit] = fetch.mock.calls[1]
    expect(getUrl).toBe('/api/v1/tickets/?status=open&page=2')
    expect(getInit.credentials).toBe('include')
    expect(getInit.headers['X-CSRFToken']).toBeUndefined()
    expect(postInit.headers['X-CSRFToken']).toBe('abc123')
    expect(postInit.body).toBe('{"body":"hi"}')
  })

  it('refreshes the session once on a 401 and retries', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementationOnce(() => reply(401, { detail: 'expired' }))
      .mockImplementationOnce(() => reply(200, { access: 'new' }))
      .mockImplementationOnce(() => reply(200, { count: 0, results: [] }))
    await expect(api.get('/api/v1/tasks/')).resolves.toEqual({ count: 0, results: [] })
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      '/api/v1/tasks/',
      '/api/v1/users/token/refresh/',
      '/api/v1/tasks/',
    ])
  })

  it('turns field errors, retry-after and network failures into ApiError', async () => {
    vi.spyOn(globalThis, 'fetch')
      .mockImplementationOnce(() => reply(400, { subject: ['This field is required.'] }))
      .mockImplementationOnce(() => reply(429, { detail: 'Slow down.' }, { 'Retry-After': '30' }))
      .mockImplementationOnce(() => Promise.reject(new TypeError('offline')))
    const bad = await api.post('/api/v1/tickets/', {}).catch((e) => e)
    expect(bad).toBeInstanceOf(ApiError)
    expect(bad.fields).toEqual({ subject: 'This field is required.' })
    const slow = await api.get('/api/v1/tickets/').catch((e) => e)
    expect([slow.status, slow.retryAfter, slow.detail]).toEqual([429, 30, 'Slow down.'])
    const offline = await api.get('/api/v1/tickets/').catch((e) => e)
    expect(offline.status).toBe(0)
  })

  it('leaves empty parameters out of the query string', () => {
    expect(query({ a: '', b: null, c: 'x', d: ['1', '2'] })).toBe('?c=x&d=1&d=2')
  })
})
