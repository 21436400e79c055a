// ticket_service: tickets, their status history and attachments.
import { ApiError, api, refreshSession, upload } from './http.js'

const BASE = '/api/v1/tickets/'
const one = (idOrNumber) => `${BASE}${encodeURIComponent(idOrNumber)}/`

export const TICKET_STATUSES = ['new', 'open', 'in_progress', 'on_hold', 'resolved', 'closed', 'rejected']
export const PRIORITIES = ['low', 'medium', 'high', 'urgent']
// ?ordering values the list accepts ("-" for descending).
export const ORDERINGS = ['created_at', 'updated_at', 'priority', 'status', 'sla_due_at', 'number']

// upload() is plain XHR without the silent refresh api.* does: retry once after a 401.
export async function uploadWithRefresh(path, form, onProgress, headers) {
  try {
    return await upload(path, form, onProgress, headers)
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error
    await refreshSession()
    return upload(path, form, onProgress, headers)
  }
}

// Filters: status, priority, category, subcategory, department, requester, assignee (id or
// "none"), created_after, created_before, search, ordering, page, page_size.
export const listTickets = (params = {}) => api.get(BASE, params)
export const getTicket = (idOrNumber) => api.get(one(idOrNumber))
export const getTicketHistory = (idOrNumber) => api.get(`${one(idOrNumber)}history/`)
export const updateTicket = (idOrNumber, fields) => api.patch(one(idOrNumber), fields)

// fields: {subject, description, category, subcategory, department, priority}; files go as
// multipart `attachments` parts. Returns the created ticket (with its number). The same
// idempotencyKey sent again (a retry after a lost answer) gives back the same ticket.
export function createTicket(fields, files = [], onProgress, idempotencyKey) {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) form.append(key, value)
  }
  for (const file of files) form.append('attachments', file)
  return uploadWithRefresh(BASE, form, onProgress, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {})
}

export function addTicketAttachment(idOrNumber, file, onProgress) {
  const form = new FormData()
  form.append('file', file)
  return uploadWithRefresh(`${one(idOrNumber)}attachments/`, form, onProgress)
}

export const deleteTicketAttachment = (idOrNumber, attachmentId) =>
  api.delete(`${one(idOrNumber)}attachments/${attachmentId}/`)
