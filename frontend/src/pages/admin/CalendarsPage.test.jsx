import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import CalendarsPage from './CalendarsPage.jsx'
import { renderRoute } from '../../test/routing.jsx'

// A fake workflow_api behind a mocked fetch: it keeps the calendar, and its preview
// moves when the saved calendar changes (Friday 16:00 + 4 h ends Monday 12:00 on the
// morning-only calendar, and at 11:00 once Monday has a second interval).
const SAVED = {
  id: 3,
  name: 'Berlin office',
  time_zone: 'Europe/Berlin',
  intervals: [
    { weekday: 0, start: '09:00', end: '12:00' },
    { weekday: 4, start: '09:00', end: '17:00' },
  ],
  holidays: [{ date: '2026-12-25', name: 'Christmas', recurring_yearly: true }],
  updated_at: '2026-01-01T10:00:00Z',
}

let server
function startServer({ onPut, onDelete } = {}) {
  server = { calendar: structuredClone(SAVED), calls: [] }
  const reply = (status, body) =>
    new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  const fetch = vi.fn(async (url, init = {}) => {
    const method = init.method || 'GET'
    const body = init.body ? JSON.parse(init.body) : undefined
    server.calls.push({ method, url, body })
    const [path] = url.split('?')
    if (method === 'GET' && path === '/api/v1/calendars/') return reply(200, { count: 1, next: null, previous: null, results: [server.calendar] })
    if (method === 'GET' && path === '/api/v1/calendars/3/') return reply(200, server.calendar)
    if (method === 'GET' && path === '/api/v1/calendars/3/preview/') {
      const mondayIntervals = server.calendar.intervals.filter((i) => i.weekday === 0).length
      const due = mondayIntervals > 1 ? '2026-11-30T10:00:00Z' : '2026-11-30T11:00:00Z'
      return reply(200, { start: '2026-11-27T15:00:00Z', minutes: 240, due_at: due })
    }
    if (method === 'PUT' && path === '/api/v1/calendars/3/') {
      const answer = onPut?.(body)
      if (answer) return reply(...answer)
      server.calendar = { ...server.calendar, ...body, updated_at: '2026-01-02T10:00:00Z' }
      return reply(200, server.calendar)
    }
    if (method === 'POST' && path === '/api/v1/calendars/') return reply(201, { ...body, id: 9, updated_at: '2026-01-02T10:00:00Z' })
    if (method === 'GET' && path === '/api/v1/calendars/9/') return reply(200, { ...SAVED, id: 9, name: 'Night shift' })
    if (method === 'GET' && path === '/api/v1/calendars/9/preview/') return reply(200, { start: 'x', minutes: 240, due_at: '2026-11-30T10:00:00Z' })
    if (method === 'DELETE' && path === '/api/v1/calendars/3/') return reply(...(onDelete?.() || [204, null]))
    return reply(404, { detail: 'Not found.' })
  })
  vi.stubGlobal('fetch', fetch)
}

const requests = (method, path) => server.calls.filter((c) => c.method === method && c.url.split('?')[0] === path)

const renderAt = (url) => renderRoute(url, ['/admin/calendars', '/admin/calendars/:id'], <CalendarsPage />)

const preview = () => screen.getByRole('status', { name: 'Deadline preview' })
const previewDue = () => preview().querySelector('time')?.getAttribute('datetime')

// typing into many fields of a long form is slow in jsdom, more so when the whole suite runs
describe('CalendarsPage', { timeout: 20000 }, () => {
  beforeEach(() => startServer())
  afterEach(() => vi.unstubAllGlobals())

  it('lists the calendars with a summary of their week', async () => {
    renderAt('/admin/calendars')
    const link = await screen.findByRole('link', { name: 'Berlin office' })
    expect(link).toHaveAttribute('href', '/admin/calendars/3')
    const row = link.closest('tr')
    expect(within(row).getByText('Europe/Berlin')).toBeInTheDocument()
    expect(within(row).getByText('Mon 09:00–12:00; Fri 09:00–17:00')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'New calendar' })).toHaveAttribute('href', '/admin/calendars/new')
  })

  it('saves the calendar with PUT and the preview then shows the saved calendar', async () => {
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await screen.findByRole('heading', { name: 'Berlin office' })
    await waitFor(() => expect(previewDue()).toBe('2026-11-30T11:00:00Z'))
    expect(preview()).toHaveTextContent('(Europe/Berlin)')
    expect(requests('GET', '/api/v1/calendars/3/preview/')[0].url).toBe('/api/v1/calendars/3/preview/?minutes=240')

    // given a lunch break on Monday and a renamed holiday
    await user.click(screen.getByRole('button', { name: 'Add interval to Monday' }))
    await user.type(screen.getByLabelText('Start (Monday, interval 2)'), '13:00')
    await user.type(screen.getByLabelText('End (Monday, interval 2)'), '17:00')
    await user.clear(screen.getByLabelText('Name (holiday 1)'))
    await user.type(screen.getByLabelText('Name (holiday 1)'), 'Xmas')
    await user.selectOptions(screen.getByLabelText('Time zone'), 'Europe/London')
    expect(screen.getByText(/Save your changes to see their effect/)).toBeInTheDocument()
    // the preview still shows the saved calendar
    expect(requests('GET', '/api/v1/calendars/3/preview/')).toHaveLength(1)

    // when saved
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))

    // then the whole calendar goes in one PUT
    expect(await screen.findByText('Calendar saved.')).toBeInTheDocument()
    const [put] = requests('PUT', '/api/v1/calendars/3/')
    expect(put.body).toEqual({
      name: 'Berlin office',
      time_zone: 'Europe/London',
      intervals: [
        { weekday: 0, start: '09:00', end: '12:00' },
        { weekday: 0, start: '13:00', end: '17:00' },
        { weekday: 4, start: '09:00', end: '17:00' },
      ],
      holidays: [{ date: '2026-12-25', name: 'Xmas', recurring_yearly: true }],
    })
    // and the preview asks again and moves
    await waitFor(() => expect(previewDue()).toBe('2026-11-30T10:00:00Z'))
    expect(requests('GET', '/api/v1/calendars/3/preview/')).toHaveLength(2)
    expect(preview()).toHaveTextContent('(Europe/London)')
    expect(screen.queryByText(/Save your changes to see their effect/)).not.toBeInTheDocument()
  })

  it('previews from a chosen start, read in the calendar’s time zone', async () => {
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await waitFor(() => expect(previewDue()).toBeTruthy())
    await user.clear(screen.getByLabelText('Target (business hours)'))
    await user.type(screen.getByLabelText('Target (business hours)'), '8')
    await user.click(screen.getByLabelText('At a given time'))
    const start = screen.getByLabelText('Start (Europe/Berlin time)')
    await user.clear(start)
    await user.type(start, '2026-11-27T16:00')
    await waitFor(() =>
      expect(requests('GET', '/api/v1/calendars/3/preview/').at(-1).url).toBe(
        '/api/v1/calendars/3/preview/?minutes=480&start=2026-11-27T15%3A00%3A00.000Z',
      ),
    )
  })

  it('shows the API’s errors next to their fields', async () => {
    startServer({
      onPut: () => [
        400,
        {
          name: ['calendar with this name already exists.'],
          intervals: [{}, { start: ['Use "HH:MM" (00:00 to 24:00).'] }],
          holidays: ['A date is listed twice.'],
        },
      ],
    })
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await screen.findByRole('heading', { name: 'Berlin office' })
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))

    expect(await screen.findByText('calendar with this name already exists.')).toBeInTheDocument()
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Name')).toHaveFocus()
    const friday = screen.getByLabelText('Start (Friday, interval 1)')
    expect(friday).toHaveAttribute('aria-invalid', 'true')
    expect(document.getElementById(friday.getAttribute('aria-describedby'))).toHaveTextContent('Use "HH:MM" (00:00 to 24:00).')
    expect(screen.getByText('A date is listed twice.')).toBeInTheDocument()
    expect(screen.getByText('Please correct the marked fields.')).toBeInTheDocument()
    expect(screen.queryByText('Calendar saved.')).not.toBeInTheDocument()
  })

  it('says which weekday overlaps when the API finds it', async () => {
    startServer({ onPut: () => [400, { intervals: ['Intervals overlap on weekday 4.'] }] })
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await screen.findByRole('heading', { name: 'Berlin office' })
    await user.click(screen.getByRole('button', { name: 'Save calendar' }))
    expect(await screen.findByText('Intervals overlap on Friday.')).toBeInTheDocument()
  })

  it('creates a calendar and opens it', async () => {
    const user = userEvent.setup()
    renderAt('/admin/calendars/new')
    await user.type(screen.getByLabelText('Name'), 'Night shift')
    await user.selectOptions(screen.getByLabelText('Time zone'), 'UTC')
    await user.click(screen.getByRole('button', { name: 'Create calendar' }))

    await screen.findByText('Calendar “Night shift” created.')
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/calendars/9')
    const [post] = requests('POST', '/api/v1/calendars/')
    expect(post.body).toEqual({
      name: 'Night shift',
      time_zone: 'UTC',
      intervals: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      holidays: [],
    })
  })

  it('deletes only after confirmation, and shows why the API refuses', async () => {
    startServer({ onDelete: () => [409, { detail: 'Workflows use this calendar; point them elsewhere first.' }] })
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await screen.findByRole('heading', { name: 'Berlin office' })

    await user.click(screen.getByRole('button', { name: 'Delete calendar' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete calendar?' })
    expect(requests('DELETE', '/api/v1/calendars/3/')).toHaveLength(0)
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Workflows use this calendar; point them elsewhere first.')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByTestId('where')).toHaveTextContent('/admin/calendars/3')
  })

  it('goes back to the list once deleted', async () => {
    const user = userEvent.setup()
    renderAt('/admin/calendars/3')
    await screen.findByRole('heading', { name: 'Berlin office' })
    await user.click(screen.getByRole('button', { name: 'Delete calendar' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('Calendar “Berlin office” deleted.')).toBeInTheDocument()
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/admin\/calendars$/)
  })

  it('says when the calendar does not exist', async () => {
    renderAt('/admin/calendars/77')
    expect(await screen.findByText('There is no such calendar.')).toBeInTheDocument()
  })
})
