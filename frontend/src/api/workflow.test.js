import { afterEach, describe, expect, it, vi } from 'vitest'

import { actOnTask, holdTask, listTasks, resumeTask, transferCandidates, transferTask } from './workflow.js'

function mockFetch() {
  const fetch = vi.fn().mockResolvedValue(
    new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  )
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('workflow API module', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends the bodies workflow_api expects', async () => {
    const fetch = mockFetch()
    await actOnTask(5, { actionId: 'a1', comment: 'Done' })
    expect(fetch.mock.calls[0][0]).toBe('/api/v1/tasks/5/action/')
    expect(JSON.parse(fetch.mock.calls[0][1].body)).toEqual({ action_id: 'a1', comment: 'Done' })
    await transferTask(5, { userId: '9', reason: 'Away' })
    expect(fetch.mock.calls[1][0]).toBe('/api/v1/tasks/5/transfer/')
    expect(JSON.parse(fetch.mock.calls[1][1].body)).toEqual({ user_id: 9, reason: 'Away' })
    await holdTask(5, { reason: 'Waiting for parts' })
    expect(JSON.parse(fetch.mock.calls[2][1].body)).toEqual({ reason: 'Waiting for parts' })
    await resumeTask(5)
    expect(JSON.parse(fetch.mock.calls[3][1].body)).toEqual({ reason: '' })
    await listTasks({ status: 'active', page: 2 })
    expect(fetch.mock.calls[4][0]).toBe('/api/v1/tasks/?status=active&page=2')
    await transferCandidates(5)
    expect(fetch.mock.calls[5][0]).toBe('/api/v1/tasks/5/transfer-candidates/')
    expect(fetch.mock.calls[5][1].method).toBe('GET')
  })
})
