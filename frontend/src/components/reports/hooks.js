// Data hooks for the reports page, on useFetch.
import { getReport, listWorkflows } from '../../api/workflow.js'
import { useFetch } from '../../hooks/useFetch.js'

// One report; `params` null means the filters are invalid: nothing is asked and data is null.
export function useReport(name, params) {
  const key = params ? JSON.stringify(params) : ''
  return useFetch(() => (params ? getReport(name, params) : null), [name, key])
}

export function useWorkflows() {
  return useFetch(() => listWorkflows(), [])
}
