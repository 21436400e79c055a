// /admin/audit: who did what to which object, newest first; the filters live in the URL.
import { useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'

import { listAudit } from '../../api/workflow.js'
import { Pagination, countLabel } from '../../components/Pagination.jsx'
import { Empty, ListError, Loading } from '../../components/States.jsx'
import AuditFilters, { FILTER_KEYS } from '../../components/admin/audit/AuditFilters.jsx'
import AuditTable from '../../components/admin/audit/AuditTable.jsx'
import { useFetch } from '../../hooks/useFetch.js'
import '../../styles/admin-pages.css'

const PAGE_SIZE = 25

// A day in the admin's own time zone → the ISO instant it starts.
function dayStart(day, plusDays = 0) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '')
  if (!match) return undefined
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

// URL → the audit API's query: "since" from the start of its day, "until" through the end
// of its day (the API's until is exclusive).
export function apiParams(searchParams) {
  const params = {}
  for (const key of FILTER_KEYS) {
    const value = (searchParams.get(key) || '').trim()
    if (value) params[key] = value
  }
  if (params.since) params.since = dayStart(params.since)
  if (params.until) params.until = dayStart(params.until, 1)
  params.page = Math.max(1, Number(searchParams.get('page')) || 1)
  params.page_size = PAGE_SIZE
  return params
}

export default function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => apiParams(searchParams), [searchParams])
  const key = JSON.stringify(params)
  const { data, error, loading, reload } = useFetch(() => listAudit(params), [key])
  const values = Object.fromEntries(FILTER_KEYS.map((name) => [name, searchParams.get(name) || '']))
  const filtered = FILTER_KEYS.some((name) => values[name])

  const update = (patch, { keepPage = false } = {}) => {
    const next = new URLSearchParams(searchParams)
    for (const [name, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(name)
      else next.set(name, String(value))
    }
    if (!keepPage) next.delete('page')
    setSearchParams(next)
  }

  return (
    <section className="admin-page audit-page">
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <AuditFilters values={values} onChange={(patch) => update(patch)} onClear={() => setSearchParams(new URLSearchParams())} />
      <ListError error={error} page={params.page} onFirstPage={() => update({ page: '' })} onRetry={reload} />
      {loading && !data && <Loading label="Loading the audit log…" />}
      {data && (
        <div aria-busy={loading}>
          <p className="result-count" role="status">
            {countLabel(data.count, 'entry', 'entries')}
            {filtered ? ' match your filters' : ''}
          </p>
          {data.results.length === 0 ? (
            <Empty>{filtered ? 'No audit entries match.' : 'Nothing has been recorded yet.'}</Empty>
          ) : (
            <AuditTable entries={data.results} />
          )}
          <Pagination page={params.page} pageSize={PAGE_SIZE} count={data.count} next={data.next} onPage={(page) => update({ page }, { keepPage: true })} />
        </div>
      )}
    </section>
  )
}
