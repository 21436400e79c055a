// Data hooks for the task pages, on useFetch.
import { getAvailableActions, getTask, listTasks, listWorkflows } from '../../api/workflow.js'
import { useFetch } from '../../hooks/useFetch.js'

export function useTasks(params) {
  const key = JSON.stringify(params)
  return useFetch(() => listTasks(params), [key])
}

export function useTask(id) {
  return useFetch(() => getTask(id), [id])
}

export function useAvailableActions(id) {
  return useFetch(() => getAvailableActions(id), [id])
}

// Workflow choices for the filter; an error leaves the filter with "Any workflow" only.
export function useWorkflowOptions() {
  return useFetch(
    () =>
      listWorkflows({ ordering: 'name' }).then(
        (page) => (page?.results || []).map((w) => ({ id: w.id, name: w.name })),
        () => [],
      ),
    [],
  )
}
