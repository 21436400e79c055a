// workflow_api: tasks, actions, availability; for admins workflows, calendars, the unassigned queue, audit and reports.
import { api, query } from './http.js'

export const getAvailability = () => api.get('/api/v1/tasks/availability/')
export const setAvailability = ({ isAvailable, delegateId = null, note = '' }) =>
  api.put('/api/v1/tasks/availability/', { is_available: isAvailable, delegate_id: delegateId, note })

const task = (id) => `/api/v1/tasks/${encodeURIComponent(id)}/`

// Task.status values; ?priority values the task list accepts.
export const TASK_STATUSES = ['active', 'on_hold', 'completed']
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent']
// SLA states the API reports in `sla.state`.
export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'paused', 'none']

// GET /api/v1/tasks/ → {count, next, previous, results: [Task]}; ?scope=mine (default) |
// involved | all (admins); filters status, priority, workflow (id), department, search;
// ordered by resolution due time, then urgency.
export const listTasks = (params = {}) => api.get('/api/v1/tasks/', params)
// Task + {path: [{id, name}], items: [TaskItem with history]}
export const getTask = (id) => api.get(task(id))
// [{id, label, to_step: {id, name} | null, ends_with: "resolved" | ... | null}]
export const getAvailableActions = (id) => api.get(`${task(id)}available-actions/`)
// → {status: "transitioned", next_step: {...}} or {status: "completed", outcome}
export const actOnTask = (id, { actionId, comment }) =>
  api.post(`${task(id)}action/`, { action_id: actionId, comment })
// assigned → in progress; → TaskItem
export const startTask = (id) => api.post(`${task(id)}start/`)
// Available holders of the current step's role, minus the current holder:
// [{id, name, email}]; 403 unless holder or admin, 409 once the task is completed.
export const transferCandidates = (id) => api.get(`${task(id)}transfer-candidates/`)
export const transferTask = (id, { userId, reason }) =>
  api.post(`${task(id)}transfer/`, { user_id: Number(userId), reason })
export const escalateTask = (id, { reason }) => api.post(`${task(id)}escalate/`, { reason })
export const holdTask = (id, { reason }) => api.post(`${task(id)}hold/`, { reason })
export const resumeTask = (id, { reason = '' } = {}) => api.post(`${task(id)}resume/`, { reason })

// Workflows (agents read): for the task list's workflow filter.
export const listWorkflows = (params = {}) => api.get('/api/v1/workflows/', { page_size: 100, ...params })

// ---- admin: workflows and their graphs (admins write; agents read)
const workflow = (id) => `/api/v1/workflows/${id}/`
export const getWorkflow = (id) => api.get(workflow(id))
export const createWorkflow = (fields) => api.post('/api/v1/workflows/', fields)
export const updateWorkflow = (id, fields) => api.patch(workflow(id), fields)
// {nodes: [{id, name, role_id, ...}], edges: [{from, to, label, end_status}]}; PUT is atomic,
// 400 {problems: [...]} names the offending node or edge.
export const getGraph = (id) => api.get(`${workflow(id)}graph/`)
export const saveGraph = (id, graph) => api.put(`${workflow(id)}graph/`, graph)
export const publishWorkflow = (id) => api.post(`${workflow(id)}publish/`)
export const archiveWorkflow = (id) => api.post(`${workflow(id)}archive/`)
// [{id, number, definition, published_at, published_by_id}]: each a frozen graph
export const workflowVersions = (id) => api.get(`${workflow(id)}versions/`)

// ---- admin: business calendars
const calendar = (id) => `/api/v1/calendars/${id}/`
export const listCalendars = (params = {}) => api.get('/api/v1/calendars/', { page_size: 100, ...params })
export const getCalendar = (id) => api.get(calendar(id))
export const createCalendar = (fields) => api.post('/api/v1/calendars/', fields)
export const saveCalendar = (id, fields) => api.put(calendar(id), fields)
export const deleteCalendar = (id) => api.delete(calendar(id))
// When a target of `minutes` business minutes starting at `start` (ISO, default now) ends.
export const previewCalendar = (id, { minutes, start } = {}) => api.get(`${calendar(id)}preview/`, { minutes, start })

// ---- admin: the unassigned queue
// {tickets: [tickets no workflow matched], waiting: [steps waiting for an available assignee]}
export const getUnassigned = () => api.get('/api/v1/tasks/unassigned/')
export const assignWorkflow = (ticketNumber, workflowId) =>
  api.post(`/api/v1/workflow-tickets/${encodeURIComponent(ticketNumber)}/assign-workflow/`, {
    workflow_id: Number(workflowId),
  })
export const assignTask = (id, userId) => api.post(`${task(id)}assign/`, { user_id: Number(userId) })

// ---- admin: audit log (filters actor, action, object_type, object_id, since, until; paginated)
export const listAudit = (params = {}) => api.get('/api/v1/audit/', params)

// ---- reports (admins and ticket coordinators): summary, sla, agents, steps, volume.
// Filters: since, until (ISO date), workflow, department, role, agent; sla takes group_by
// (workflow|priority|team|agent), volume takes interval (day|week).
export const getReport = (name, params = {}) => api.get(`/api/v1/reports/${name}/`, params)
export const reportCsvUrl = (name, params = {}) => `/api/v1/reports/${name}/${query({ ...params, format: 'csv' })}`
