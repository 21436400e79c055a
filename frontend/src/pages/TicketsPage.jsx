import { useMemo } from 'react'
import { Link, useSearchParams } from 'react-router-dom'

import { useAuth } from '../auth/AuthContext.jsx'
import { Pagination, countLabel } from '../components/Pagination.jsx'
import { Empty, ListError, Loading } from '../components/States.jsx'
import TicketFilters, { DEFAULT_SORT, FILTER_KEYS } from '../components/tickets/TicketFilters.jsx'
import TicketTable from '../components/tickets/TicketTable.jsx'
import { useTickets } from '../components/tickets/hooks.js'
import '../styles/tickets.css'

const DEFAULT_PAGE_SIZE = 20

// URL (what the user sees and bookmarks) → the list's query parameters.
export function apiParams(searchParams) {
  const params = {}
  for (const key of FILTER_KEYS) {
    const value = searchParams.get(key)
    if (value) params[key] = value
  }
  // date inputs hold a day; the API wants an ISO date-time ("until" includes that day)
  if (params.created_after) params.created_after = `${params.created_after}T00:00:00`
  if (params.created_before) params.created_before = `${nextDay(params.created_before)}T00:00:00`
  params.ordering = params.ordering || DEFAULT_SORT
  params.page = Math.max(1, Number(searchParams.get('page')) || 1)
  const size = Number(searchParams.get('page_size'))
  params.page_size = size > 0 && size <= 100 ? size : DEFAULT_PAGE_SIZE
  return params
}

function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

export default function TicketsPage() {
  const { user, isAgent } = useAuth()
  const [searchParams, setSearchParams] = useSearchParams()
  const params = useMemo(() => apiParams(searchParams), [searchParams])
  const { data, error, loading, reload } = useTickets(params)
  const values = Object.fromEntries(FILTER_KEYS.map((key) => [key, searchParams.get(key) || '']))

  const update = (patch, { keepPage = false } = {}) => {
    const next = new URLSearchParams(searchParams)
    for (const [key, value] of Object.entries(patch)) {
      if (value === '' || value === null || value === undefined) next.delete(key)
      else next.set(key, String(value))
    }
    if (!keepPage) next.delete('page')
    setSearchParams(next)
  }
  const clear = () => {
    const next = new URLSearchParams()
    if (searchParams.get('page_size')) next.set('page_size', searchParams.get('page_size'))
    setSearchParams(next)
  }
  const filtered = FILTER_KEYS.some((key) => key !== 'ordering' && values[key])

  return (
    <section className="tickets-page">
      <div className="page-head">
        <h1 id="tickets-heading">Tickets</h1>
        <Link className="button primary" to="/tickets/new">
          New ticket
        </Link>
      </div>
      <TicketFilters values={values} onChange={(patch) => update(patch)} onClear={clear} userId={user?.id} isAgent={isAgent} />
      <ListError error={error} page={params.page} onFirstPage={() => update({ page: '' })} onRetry={reload} />
      {loading && !data && <Loading label="Loading tickets…" />}
      {data && (
        <div aria-busy={loading}>
          <p className="result-count" role="status">
            {countLabel(data.count, 'ticket', 'tickets')}
            {filtered ? ' match your filters' : ''}
          </p>
          {data.results.length === 0 ? (
            <Empty>No tickets match.</Empty>
          ) : (
            <TicketTable tickets={data.results} />
          )}
          <Pagination page={params.page} pageSize={params.page_size} count={data.count} next={data.next} onPage={(page) => update({ page }, { keepPage: true })} />
        </div>
      )}
    </section>
  )
}
