import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as http from './http.js'
import { listAllComments, postComment } from './messaging.js'

vi.mock('./http.js', async (importOriginal) => ({
  ...(await importOriginal()),
  api: { get: vi.fn(), post: vi.fn(), patch: vi.fn(), delete: vi.fn() },
  upload: vi.fn(),
  refreshSession: vi.fn(),
}))

describe('messaging api', () => {
  beforeEach(() => vi.clearAllMocks())

  it('fetches every page of a thread, up to a limit', async () => {
    http.api.get
      .mockResolvedValueOnce({ count: 3, next: 'p2', results: [{ id: 1 }, { id: 2 }] })
      .mockResolvedValueOnce({ count: 3, next: null, results: [{ id: 3 }] })
    expect(await listAllComments('TKT-1')).toEqual({ results: [{ id: 1 }, { id: 2 }, { id: 3 }], truncated: false })
    expect(http.api.get).toHaveBeenCalledWith('/api/v1/comments/', { ticket: 'TKT-1', page: 2, page_size: 100 })

    http.api.get.mockResolvedValue({ count: 999, next: 'more', results: [{ id: 9 }] })
    const capped = await listAllComments('TKT-1', { maxPages: 2 })
    expect(capped).toEqual({ results: [{ id: 9 }, { id: 9 }], truncated: true })
  })

  it('posts JSON without files and multipart `files` with them', async () => {
    await postComment({ ticket: 'TKT-1', body: 'Hi', isInternal: true })
    expect(http.api.post).toHaveBeenCalledWith('/api/v1/comments/', { ticket: 'TKT-1', body: 'Hi', is_internal: true })

    const file = new File(['x'], 'a.txt', { type: 'text/plain' })
    const progress = vi.fn()
    http.upload.mockResolvedValue({ id: 5 })
    expect(await postComment({ ticket: 'TKT-1', body: 'See', files: [file] }, progress)).toEqual({ id: 5 })
    const [path, form, onProgress] = http.upload.mock.calls[0]
    expect(path).toBe('/api/v1/comments/')
    expect(form.getAll('files')).toHaveLength(1)
    expect(form.get('is_internal')).toBe('false')
    expect(onProgress).toBe(progress)
  })

  it('retries an upload once after refreshing an expired session', async () => {
    http.refreshSession.mockResolvedValue({})
    http.upload.mockRejectedValueOnce(new http.ApiError(401, { detail: 'expired' })).mockResolvedValueOnce({ id: 6 })
    const file = new File(['x'], 'a.txt')
    expect(await postComment({ ticket: 'TKT-1', body: 'See', files: [file] })).toEqual({ id: 6 })
    expect(http.upload).toHaveBeenCalledTimes(2)
    expect(http.refreshSession).toHaveBeenCalledTimes(1)
  })
})
