import { useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'

import { Pagination, countLabel } from '../components/Pagination.jsx'
import { Empty, ListError, Loading } from '../components/States.jsx'
import TaskFilters, { TASK_FILTER_KEYS } from '../components/tasks/TaskFilters.jsx'
import TaskTable from '../components/tasks/TaskTable.jsx'
import { useTasks, useWorkflowOptions } from '../components/tasks/hooks.js'
import '../styles/tasks.css'

const PAGE_SIZE = 20
const API_KEYS = ['search', 'status', 'priority', 'workflow']

// URL → GET /api/v1/tasks/ parameters (default scope "mine": steps I hold; the API orders
// by due time, then urgency).
export function taskParams(searchParams) {
  const params = {}
  for (const key of API_KEYS) {
    const value = searchParams.get(key)
    if (value) params[key] = value
  }
  params.page = Math.max(1, Number(searchParams.get('page')) || 1)
  const size = Number(searchParams.get('page_size'))
  params.page_size = size > 0 && size <= 100 ? size : PAGE_SIZE
  return params
}

export default function MyTasksPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => taskParams(searchParams), [searchParams])
  const { data, error, loading, reload } = useTasks(params)
  const { data: workflows } = useWorkflowOptions()
  const values = Object.fromEntries(TASK_FILTER_KEYS.map((key) => [key, searchParams.get(key) || '']))
  const slaFilter = values.sla

  const update = (patch, { keepPage = false } = {}) => {
    const next = new URLSearchParams(searchParams)
    for (const [key, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(key)
      else next.set(key, String(value))
    }
    if (!keepPage) next.delete('page')
    setSearchParams(next)
  }
  const clear = () => setSearchParams(new URLSearchParams())

  const all = data?.results || []
  const tasks = slaFilter ? all.filter((task) => (task.sla?.state || 'none') === slaFilter) : all
  const filtered = TASK_FILTER_KEYS.some((key) => values[key])

  return (
    <section className="tasks-page" aria-labelledby="tasks-heading">
      <div className="page-head">
        <h1 id="tasks-heading">My tasks</h1>
        {data && (
          <button type="button" onClick={reload} disabled={loading}>
            Refresh
          </button>
        )}
      </div>
      <TaskFilters values={values} workflows={workflows || []} onChange={(patch) => update(patch)} onClear={clear} />
      <ListError error={error} page={params.page} onFirstPage={() => update({ page: '' })} onRetry={reload} />
      {loading && !data && <Loading label="Loading your tasks…" />}
      {data && !error && (
        <>
          <p className="result-count" aria-live="polite">
            {countLabel(data.count, 'task', 'tasks')}
            {slaFilter && ` · ${tasks.length} on this page with SLA ${slaFilter.replace(/_/g, ' ')}`}
            {loading && ' · updating…'}
          </p>
          {tasks.length === 0 ? (
            <Empty>{filtered ? 'No tasks match these filters.' : 'No tasks for you right now.'}</Empty>
          ) : (
            <TaskTable tasks={tasks} />
          )}
          <Pagination
            page={params.page}
            pageSize={params.page_size}
            count={data.count}
            next={data.next}
            onPage={(page) => update({ page: page > 1 ? page : '' }, { keepPage: true })}
          />
        </>
      )}
    </section>
  )
}
