import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'

import { listWorkflows } from '../../api/workflow.js'
import { StatusBadge } from '../../components/Badges.jsx'
import { Pagination } from '../../components/Pagination.jsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.jsx'
import NewWorkflowDialog from '../../components/workflow/NewWorkflowDialog.jsx'
import { WORKFLOW_STATUSES, capitalise } from '../../components/workflow/properties.js'
import { useFetch } from '../../hooks/useFetch.js'
import '../../styles/tasks.css'
import '../../styles/tickets.css'
import '../../styles/workflow-editor.css'

const PAGE_SIZE = 25

// URL → the list's query (search, status, page).
export function workflowParams(searchParams) {
  return {
    search: searchParams.get('search') || '',
    status: searchParams.get('status') || '',
    page: Math.max(1, Number(searchParams.get('page')) || 1),
    page_size: PAGE_SIZE,
  }
}

const routing = (w) => [w.department, w.category, w.subcategory].filter(Boolean).join(' / ')

export default function WorkflowsPage() {
  const navigate = useNavigate()
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => workflowParams(searchParams), [searchParams])
  const key = JSON.stringify(params)
  const { data, error, loading, reload } = useFetch(() => listWorkflows(params), [key])
  const [search, setSearch] = useState(params.search)
  const [creating, setCreating] = useState(false)
  // back/forward changed the URL: show what it says
  useEffect(() => setSearch(params.search), [params.search])

  const update = (patch) => {
    const next = new URLSearchParams(searchParams)
    for (const [name, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(name)
      else next.set(name, String(value))
    }
    if (!('page' in patch)) next.delete('page')
    setSearchParams(next)
  }
  const filtered = Boolean(params.search || params.status)

  return (
    <section className="wf-list-page" aria-labelledby="wf-list-heading">
      <div className="page-head">
        <h1 id="wf-list-heading">Workflows</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New workflow
        </button>
      </div>

      <form
        className="task-filters"
        role="search"
        aria-label="Filter workflows"
        onSubmit={(event) => {
          event.preventDefault()
          update({ search: search.trim() })
        }}
      >
        <div className="filter filter-search">
          <label htmlFor="wf-filter-search">Search</label>
          <div className="search-row">
            <input id="wf-filter-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Name, department or category" />
            <button type="submit">Search</button>
          </div>
        </div>
        <div className="filter">
          <label htmlFor="wf-filter-status">Status</label>
          <select id="wf-filter-status" value={params.status} onChange={(event) => update({ status: event.target.value })}>
            <option value="">Any status</option>
            {WORKFLOW_STATUSES.map((status) => (
              <option key={status} value={status}>
                {capitalise(status)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {error && <ErrorMessage error={error} onRetry={reload} />}
      {loading && !data && <Loading label="Loading workflows…" />}
      {data && (
        <div aria-busy={loading}>
          <p className="result-count" role="status">
            {data.count === 1 ? '1 workflow' : `${data.count} workflows`}
            {filtered ? ' match your filters' : ''}
          </p>
          {data.results.length === 0 ? (
            <Empty>{filtered ? 'No workflows match.' : 'No workflows yet. Create the first one.'}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="wf-table" aria-labelledby="wf-list-heading">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                    <th scope="col">Version</th>
                    <th scope="col">Department / category</th>
                    <th scope="col">Priority</th>
                    <th scope="col">Default</th>
                  </tr>
                </thead>
                <tbody>
                  {data.results.map((w) => (
                    <tr key={w.id}>
                      <td data-label="Name">
                        <Link to={`/admin/workflows/${w.id}`}>{w.name}</Link>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={w.status} />
                      </td>
                      <td data-label="Version">{w.current_version ? `v${w.current_version}` : '—'}</td>
                      <td data-label="Department / category">{routing(w)}</td>
                      <td data-label="Priority">{w.priority ? capitalise(w.priority) : 'Any'}</td>
                      <td data-label="Default">{w.is_default ? <span className="badge">Default</span> : <span className="muted">No</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={params.page} pageSize={PAGE_SIZE} count={data.count} next={data.next} onPage={(page) => update({ page })} />
        </div>
      )}

      {creating && <NewWorkflowDialog onClose={() => setCreating(false)} onCreated={(created) => navigate(`/admin/workflows/${created.id}`)} />}
    </section>
  )
}
