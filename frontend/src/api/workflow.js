// workflow_api: tasks, actions, availability.
import { api } from './http.js'

export const getAvailability = () => api.get('/api/v1/tasks/availability/')
export const setAvailability = ({ isAvailable, delegateId = null, note = '' }) =>
  api.put('/api/v1/tasks/availability/', { is_available: isAvailable, delegate_id: delegateId, note })
