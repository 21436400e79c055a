// workflow_api: tasks, actions, availability.
import { api } from './http.js'

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
