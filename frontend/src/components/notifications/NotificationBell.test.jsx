import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import * as api from '../../api/notifications.js'
import { useSocket } from '../../live/useSocket.js'
import NotificationBell from './NotificationBell.jsx'
import { linkPath } from './format.js'

vi.mock('../../live/useSocket.js', () => ({ useSocket: vi.fn() }))
vi.mock('../../api/notifications.js', async (importOriginal) => ({
  ...(await importOriginal()),
  getUnreadCount: vi.fn(),
  listNotifications: vi.fn(),
  markRead: vi.fn(),
  markAllRead: vi.fn(),
}))

const note = (id, fields = {}) => ({
  id,
  type: 'assignment',
  title: `Notification ${id}`,
  body: '',
  link: '',
  data: {},
  is_read: false,
  created_at: new Date(Date.now() - id * 60000).toISOString(),
  ...fields,
})

let onEvent

function Where() {
  const location = useLocation()
  return <output data-testid="where">{location.pathname + location.hash}</output>
}

function renderBell() {
  return render(
    <MemoryRouter initialEntries={['/tickets']}>
      <NotificationBell />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  )
}

describe('NotificationBell', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    onEvent = undefined
    useSocket.mockImplementation((path, handler) => {
      onEvent = handler
      return { status: 'open', send: vi.fn() }
    })
    api.getUnreadCount.mockResolvedValue({ unread: 2 })
    api.listNotifications.mockResolvedValue({
      count: 2,
      next: null,
      previous: null,
      results: [
        note(5, { title: 'Task assigned to you', link: 'http://localhost:1000/tasks/17' }),
        note(4, { title: 'You were mentioned', link: 'http://localhost:1000/tickets/TKT-1#comment-3', type: 'mention' }),
        note(3, { title: 'Old news', is_read: true }),
      ],
    })
    api.markRead.mockResolvedValue({})
    api.markAllRead.mockResolvedValue({ marked: 2 })
  })

  it('shows the unread count from the API in its name and badge', async () => {
    renderBell()
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    expect(bell).toHaveAttribute('aria-expanded', 'false')
    expect(bell).toHaveTextContent('2')
    expect(useSocket).toHaveBeenCalledWith('/ws/notifications/', expect.any(Function))
  })

  it('is just "Notifications" with nothing unread', async () => {
    api.getUnreadCount.mockResolvedValue({ unread: 0 })
    renderBell()
    await screen.findByRole('button', { name: 'Notifications' })
    expect(api.getUnreadCount).toHaveBeenCalled()
  })

  it('opens a dropdown of the recent ones with read state', async () => {
    const user = userEvent.setup()
    renderBell()
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    await user.click(bell)
    expect(bell).toHaveAttribute('aria-expanded', 'true')
    expect(api.listNotifications).toHaveBeenCalledWith({ page_size: 10 })
    const list = await screen.findByRole('list', { name: 'Recent notifications' })
    const links = within(list).getAllByRole('link')
    expect(links).toHaveLength(3)
    expect(links[0]).toHaveAccessibleName(/Task assigned to you.*unread/)
    expect(links[2]).toHaveAccessibleName(/Old news.*read/)
    expect(screen.getByRole('link', { name: 'See all' })).toHaveAttribute('href', '/notifications')
  })

  it('updates the count and prepends the notification on a live event', async () => {
    const user = userEvent.setup()
    renderBell()
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await screen.findByRole('list', { name: 'Recent notifications' })
    act(() =>
      onEvent({
        type: 'notification',
        notification: note(9, { title: 'Ticket escalated', created_at: new Date().toISOString() }),
        unread: 3,
      }),
    )
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument()
    const links = within(screen.getByRole('list', { name: 'Recent notifications' })).getAllByRole('link')
    expect(links[0]).toHaveAccessibleName(/Ticket escalated/)
    expect(links).toHaveLength(4)
    // other frames are ignored
    act(() => onEvent({ type: 'pong' }))
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument()
  })

  it('marks one read and navigates to the path of its absolute link', async () => {
    const user = userEvent.setup()
    renderBell()
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await user.click(await screen.findByRole('link', { name: /You were mentioned/ }))
    expect(api.markRead).toHaveBeenCalledWith(4, true)
    expect(screen.getByTestId('where')).toHaveTextContent('/tickets/TKT-1#comment-3')
    const bell = screen.getByRole('button', { name: 'Notifications, 1 unread' })
    expect(bell).toHaveAttribute('aria-expanded', 'false')
  })

  it('marks all read, and Escape closes the dropdown', async () => {
    const user = userEvent.setup()
    renderBell()
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    await user.click(bell)
    await user.click(await screen.findByRole('button', { name: 'Mark all read' }))
    expect(api.markAllRead).toHaveBeenCalled()
    expect(await screen.findByRole('button', { name: 'Notifications' })).toHaveAttribute('aria-expanded', 'true')
    await user.keyboard('{Escape}')
    expect(bell).toHaveAttribute('aria-expanded', 'false')
    expect(bell).toHaveFocus()
    expect(screen.queryByRole('list', { name: 'Recent notifications' })).not.toBeInTheDocument()
  })

  it('shows the empty state', async () => {
    api.getUnreadCount.mockResolvedValue({ unread: 0 })
    api.listNotifications.mockResolvedValue({ count: 0, next: null, previous: null, results: [] })
    const user = userEvent.setup()
    renderBell()
    await user.click(await screen.findByRole('button', { name: 'Notifications' }))
    expect(await screen.findByText('You have no notifications.')).toBeInTheDocument()
  })
})

describe('linkPath', () => {
  it('keeps the path, query and hash of an absolute or relative link', () => {
    expect(linkPath('http://localhost:1000/tickets/TKT-1?x=1#comment-3')).toBe('/tickets/TKT-1?x=1#comment-3')
    expect(linkPath('/tasks/4')).toBe('/tasks/4')
    expect(linkPath('')).toBe('')
    expect(linkPath('javascript:alert(1)')).toBe('')
  })
})
