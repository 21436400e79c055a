// messaging_service: a ticket's comments (live updates come over /ws/tickets/<number>/).
import { api } from './http.js'
import { uploadWithRefresh } from './tickets.js'

const BASE = '/api/v1/comments/'

export const listComments = (ticket, page = 1, pageSize = 100) =>
  api.get(BASE, { ticket, page, page_size: pageSize })

// Every page, oldest first, up to maxPages pages (a sane limit for one thread).
export async function listAllComments(ticket, { maxPages = 20 } = {}) {
  const all = []
  let truncated = false
  for (let page = 1; page <= maxPages; page += 1) {
    const data = await listComments(ticket, page)
    all.push(...(data?.results || []))
    if (!data?.next) return { results: all, truncated }
    if (page === maxPages) truncated = true
  }
  return { results: all, truncated }
}

// JSON without files; multipart (up to 10 `files` parts) with them.
export function postComment({ ticket, body, isInternal = false, files = [] }, onProgress) {
  if (!files.length) return api.post(BASE, { ticket, body, is_internal: isInternal })
  const form = new FormData()
  form.append('ticket', ticket)
  form.append('body', body)
  form.append('is_internal', isInternal ? 'true' : 'false')
  for (const file of files) form.append('files', file)
  return uploadWithRefresh(BASE, form, onProgress)
}

export const getComment = (id) => api.get(`${BASE}${id}/`)
export const editComment = (id, body) => api.patch(`${BASE}${id}/`, { body })
export const deleteComment = (id) => api.delete(`${BASE}${id}/`)
export const commentHistory = (id) => api.get(`${BASE}${id}/history/`)
