// /admin/calendars: the business calendars; /admin/calendars/new creates one and
// /admin/calendars/:id edits one, with a preview of when a target ends on it.
import { useCallback, useState } from 'react'
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom'

import { createCalendar, getCalendar, listCalendars, saveCalendar } from '../../api/workflow.js'
import { Pagination } from '../../components/Pagination.jsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.jsx'
import CalendarForm from '../../components/admin/calendars/CalendarForm.jsx'
import CalendarTable from '../../components/admin/calendars/CalendarTable.jsx'
import DeadlinePreview from '../../components/admin/calendars/DeadlinePreview.jsx'
import DeleteCalendar from '../../components/admin/calendars/DeleteCalendar.jsx'
import { browserTimeZone } from '../../components/admin/calendars/timeZones.js'
import { useFetch } from '../../hooks/useFetch.js'
import '../../styles/tasks.css' // the confirmation dialog
import '../../styles/admin-pages.css'

const PAGE_SIZE = 100

// A new calendar starts as an office week in the admin's own time zone.
const NEW_CALENDAR = () => ({
  name: '',
  time_zone: browserTimeZone(),
  intervals: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  holidays: [],
})

export default function CalendarsPage() {
  const { id } = useParams()
  if (!id) return <CalendarIndex />
  if (id === 'new') return <NewCalendar />
  return <CalendarDetail key={id} id={id} />
}

function Flash() {
  const flash = useLocation().state?.flash
  if (!flash) return null
  return (
    <p className="admin-flash" role="status">
      {flash}
    </p>
  )
}

function CalendarIndex() {
  const [searchParams, setSearchParams] = useSearchParams()
  const page = Math.max(1, Number(searchParams.get('page')) || 1)
  const { data, error, loading, reload } = useFetch(() => listCalendars({ page, page_size: PAGE_SIZE }), [page])

  return (
    <section className="admin-page calendars-page">
      <div className="page-head">
        <h1>Calendars</h1>
        <Link className="button primary" to="/admin/calendars/new">
          New calendar
        </Link>
      </div>
      <p className="hint">When the SLA clock runs: working hours per weekday and holidays, in a time zone. Each workflow names its calendar.</p>
      <Flash />
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {loading && !data && <Loading label="Loading calendars…" />}
      {data &&
        (data.results.length === 0 ? (
          <Empty>No calendars yet.</Empty>
        ) : (
          <div aria-busy={loading}>
            <CalendarTable calendars={data.results} />
            <Pagination page={page} pageSize={PAGE_SIZE} count={data.count} next={data.next} onPage={(next) => setSearchParams({ page: String(next) })} />
          </div>
        ))}
    </section>
  )
}

function Breadcrumb() {
  return (
    <p className="breadcrumb">
      <Link to="/admin/calendars">All calendars</Link>
    </p>
  )
}

function NewCalendar() {
  const navigate = useNavigate()
  const [initial] = useState(NEW_CALENDAR)
  const save = async (body) => {
    const answer = await createCalendar(body)
    navigate(`/admin/calendars/${answer.id}`, { replace: true, state: { flash: `Calendar “${answer.name}” created.` } })
    return null // the page for the new calendar takes over
  }
  return (
    <section className="admin-page calendar-detail">
      <Breadcrumb />
      <h1>New calendar</h1>
      <CalendarForm calendar={initial} onSave={save} saveLabel="Create calendar" />
    </section>
  )
}

function CalendarDetail({ id }) {
  const navigate = useNavigate()
  const { data: calendar, error, loading, reload, setData } = useFetch(() => getCalendar(id), [id])
  // bumped after each save: the preview asks again about the calendar as now saved
  const [version, setVersion] = useState(0)
  const [dirty, setDirty] = useState(false)
  const onDirtyChange = useCallback((value) => setDirty(value), [])

  const save = async (body) => {
    const answer = await saveCalendar(id, body)
    setData(answer)
    setVersion((v) => v + 1)
    return answer
  }

  if (loading && !calendar) return <Loading label="Loading the calendar…" />
  if (error && !calendar) {
    return (
      <section className="admin-page calendar-detail">
        <Breadcrumb />
        {error.status === 404 ? <Empty>There is no such calendar.</Empty> : <ErrorMessage error={error} onRetry={reload} />}
      </section>
    )
  }
  return (
    <section className="admin-page calendar-detail">
      <Breadcrumb />
      <h1>{calendar.name}</h1>
      <Flash />
      <div className="calendar-layout">
        <div className="calendar-main">
          <CalendarForm calendar={calendar} onSave={save} onDirtyChange={onDirtyChange} />
        </div>
        <aside className="calendar-side">
          <DeadlinePreview calendarId={calendar.id} timeZone={calendar.time_zone} version={version} dirty={dirty} />
          <DeleteCalendar
            calendar={calendar}
            onDeleted={() =>
              navigate('/admin/calendars', { replace: true, state: { flash: `Calendar “${calendar.name}” deleted.` } })
            }
          />
        </aside>
      </div>
    </section>
  )
}
