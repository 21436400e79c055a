import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import * as auth from '../../api/auth.js'
import * as messaging from '../../api/messaging.js'
import { useAuth } from '../../auth/AuthContext.jsx'
import { useSocket } from '../../live/useSocket.js'
import CommentThread from './CommentThread.jsx'

vi.mock('../../api/messaging.js')
vi.mock('../../api/auth.js')
vi.mock('../../auth/AuthContext.jsx', () => ({ useAuth: vi.fn() }))
vi.mock('../../live/useSocket.js', () => ({ useSocket: vi.fn() }))

const NUMBER = 'TKT-2026-000042'
const AGENT = { id: 7, name: 'Alan Agent', email: 'alan@example.com', roles: ['tts:Agent'] }
const REQUESTER = { id: 42, name: 'Rita Requester', email: 'rita@example.com', roles: [] }

const comment = (id, over = {}) => ({
  id,
  ticket_number: NUMBER,
  author: { id: '42', name: 'Rita Requester' },
  body: `Body ${id}`,
  body_html: `<p>Body ${id}</p>`,
  is_internal: false,
  attachments: [],
  created_at: `2026-11-22T09:${String(10 + id).padStart(2, '0')}:00Z`,
  edited_at: null,
  ...over,
})

let onSocketEvent
let send
const emit = (event) => act(() => onSocketEvent(event))

function signedInAs(user) {
  useAuth.mockReturnValue({
    user,
    isAgent: user.roles.some((role) => role.startsWith('tts:')),
    isAdmin: user.roles.includes('tts:Admin'),
  })
}

describe('CommentThread', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    send = vi.fn(() => true)
    useSocket.mockImplementation((path, onEvent) => {
      onSocketEvent = onEvent
      return { status: 'open', send }
    })
    messaging.listAllComments.mockResolvedValue({ results: [comment(1)], truncated: false })
    signedInAs(REQUESTER)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lists the comments with author, markers and files, on the ticket’s socket', async () => {
    messaging.listAllComments.mockResolvedValue({
      results: [
        comment(1),
        comment(2, {
          author: { id: '7', name: 'Alan Agent' },
          is_internal: true,
          edited_at: '2026-11-22T10:00:00Z',
          attachments: [{ id: 9, name: 'log.txt', size: 2048, download_url: '/api/v1/comments/2/attachments/9/download/' }],
        }),
      ],
    })
    signedInAs(AGENT)
    render(<CommentThread number={NUMBER} />)
    expect(await screen.findByText('Body 1')).toBeInTheDocument()
    expect(useSocket).toHaveBeenCalledWith(`/ws/tickets/${NUMBER}/`, expect.any(Function), expect.anything())
    expect(messaging.listAllComments).toHaveBeenCalledWith(NUMBER)
    const second = screen.getByRole('article', { name: 'Alan Agent' })
    expect(within(second).getByText('Internal note')).toBeInTheDocument()
    expect(within(second).getByText('(edited)')).toBeInTheDocument()
    expect(within(second).getByRole('link', { name: 'log.txt' })).toHaveAttribute('href', '/api/v1/comments/2/attachments/9/download/')
    // the agent wrote #2: may edit and delete it; Rita's #1 not
    expect(within(second).getByRole('button', { name: 'Edit' })).toBeInTheDocument()
    const first = screen.getByRole('article', { name: 'Rita Requester' })
    expect(within(first).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument()
    expect(within(first).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument()
  })

  it('never offers a requester the internal-note checkbox', async () => {
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')
    expect(screen.getByLabelText('Comment')).toBeInTheDocument()
    expect(screen.getByLabelText('Attach files')).toBeInTheDocument()
    expect(screen.queryByLabelText('Internal note')).not.toBeInTheDocument()
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
  })

  it('offers agents the internal-note checkbox and sends it', async () => {
    signedInAs(AGENT)
    messaging.postComment.mockResolvedValue(comment(5, { author: { id: '7', name: 'Alan Agent' }, is_internal: true }))
    const user = userEvent.setup()
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')
    await user.type(screen.getByLabelText('Comment'), 'Checked the logs')
    await user.click(screen.getByRole('checkbox', { name: 'Internal note' }))
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    expect(messaging.postComment).toHaveBeenCalledWith(
      { ticket: NUMBER, body: 'Checked the logs', isInternal: true, files: [] },
      undefined,
    )
    expect(await screen.findByText('Body 5')).toBeInTheDocument()
    expect(screen.getByLabelText('Comment')).toHaveValue('')
    expect(screen.getByRole('checkbox', { name: 'Internal note' })).not.toBeChecked()
  })

  it('merges its own POST answer and the live events without duplicates', async () => {
    messaging.postComment.mockResolvedValue(comment(5, { author: { id: '42', name: 'Rita Requester' } }))
    const user = userEvent.setup()
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')

    // the socket may be faster than the POST answer ...
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(5) })
    await user.type(screen.getByLabelText('Comment'), 'Body 5')
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    await screen.findByLabelText('Comment')
    // ... or slower: either way one comment
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(5) })
    expect(screen.getAllByText('Body 5')).toHaveLength(1)

    // someone else's comment arrives live, in order
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(6, { author: { id: '7', name: 'Alan Agent' } }) })
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(6, { author: { id: '7', name: 'Alan Agent' } }) })
    expect(screen.getAllByRole('article').map((article) => article.textContent)).toEqual([
      expect.stringContaining('Body 1'),
      expect.stringContaining('Body 5'),
      expect.stringContaining('Body 6'),
    ])

    // an edit replaces it in place, an older copy does not undo the edit
    const edited = comment(6, { author: { id: '7', name: 'Alan Agent' }, body_html: '<p>Body 6, corrected</p>', edited_at: '2026-11-22T11:00:00Z' })
    emit({ type: 'comment.edited', ticket: NUMBER, comment: edited })
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(6, { author: { id: '7', name: 'Alan Agent' } }) })
    expect(screen.getByText('Body 6, corrected')).toBeInTheDocument()
    expect(screen.queryByText('Body 6')).not.toBeInTheDocument()
    expect(screen.getAllByRole('article')).toHaveLength(3)

    // a deletion removes it, and a late copy does not bring it back
    emit({ type: 'comment.deleted', ticket: NUMBER, comment: { id: 6, ticket_number: NUMBER } })
    emit({ type: 'comment.edited', ticket: NUMBER, comment: edited })
    expect(screen.queryByText('Body 6, corrected')).not.toBeInTheDocument()
    expect(screen.getAllByRole('article')).toHaveLength(2)
  })

  it('keeps a live comment that arrives before the list', async () => {
    let answer
    messaging.listAllComments.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    render(<CommentThread number={NUMBER} />)
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(2) })
    await act(async () => answer({ results: [comment(1), comment(2)] }))
    expect(screen.getAllByText('Body 2')).toHaveLength(1)
    expect(screen.getByText('Body 1')).toBeInTheDocument()
  })

  it('lets the author edit and, after confirming, delete a comment', async () => {
    messaging.listAllComments.mockResolvedValue({ results: [comment(1)] })
    messaging.editComment.mockResolvedValue(comment(1, { body: 'Fixed', body_html: '<p>Fixed</p>', edited_at: '2026-11-22T12:00:00Z' }))
    messaging.deleteComment.mockResolvedValue(null)
    const user = userEvent.setup()
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')

    await user.click(screen.getByRole('button', { name: 'Edit' }))
    const box = screen.getByLabelText('Edit text')
    expect(box).toHaveValue('Body 1')
    await user.clear(box)
    await user.type(box, 'Fixed')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(messaging.editComment).toHaveBeenCalledWith(1, 'Fixed')
    expect(await screen.findByText('Fixed')).toBeInTheDocument()
    expect(screen.getByText('(edited)')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Delete' }))
    expect(screen.getByRole('button', { name: 'Yes, delete' })).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(messaging.deleteComment).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus()

    await user.click(screen.getByRole('button', { name: 'Delete' }))
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }))
    expect(messaging.deleteComment).toHaveBeenCalledWith(1)
    expect(screen.queryByText('Fixed')).not.toBeInTheDocument()
    expect(screen.getByText('No comments yet.')).toBeInTheDocument()
  })

  it('refuses an empty comment and shows the API’s reasons by the fields', async () => {
    const { ApiError } = await vi.importActual('../../api/http.js')
    messaging.postComment.mockRejectedValue(new ApiError(400, { files: ['a.exe: this kind of file is not accepted.'] }))
    const user = userEvent.setup()
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    expect(screen.getByLabelText('Comment')).toHaveAccessibleDescription('Write a comment first.')
    expect(messaging.postComment).not.toHaveBeenCalled()
    await user.type(screen.getByLabelText('Comment'), 'See file')
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    expect(await screen.findByText('a.exe: this kind of file is not accepted.')).toBeInTheDocument()
    expect(screen.getByLabelText('Attach files')).toHaveAccessibleDescription('a.exe: this kind of file is not accepted.')
    expect(screen.getByLabelText('Comment')).toHaveValue('See file')
  })

  it('names who else is viewing, not yourself, in a polite live region', async () => {
    render(<CommentThread number={NUMBER} />)
    await screen.findByText('Body 1')
    emit({
      type: 'presence',
      ticket: NUMBER,
      viewers: [
        { id: '42', name: 'Rita Requester', is_agent: false },
        { id: '7', name: 'Alan Agent', is_agent: true },
        { id: '8', name: 'Grace Agent', is_agent: true },
      ],
    })
    const line = screen.getByText('Also viewing: Alan Agent, Grace Agent')
    expect(line).toHaveAttribute('aria-live', 'polite')
    emit({ type: 'presence', ticket: NUMBER, viewers: [{ id: '42', name: 'Rita Requester' }] })
    expect(screen.queryByText(/Also viewing/)).not.toBeInTheDocument()
  })

  it('shows who is typing for about four seconds', async () => {
    vi.useFakeTimers()
    render(<CommentThread number={NUMBER} />)
    await act(async () => {})
    expect(screen.getByText('Body 1')).toBeInTheDocument()
    emit({ type: 'typing', ticket: NUMBER, user: { id: '7', name: 'Alan Agent' }, internal: false })
    expect(screen.getByText('Alan Agent is typing…')).toHaveAttribute('aria-live', 'polite')
    act(() => vi.advanceTimersByTime(3000))
    // typing again keeps it up
    emit({ type: 'typing', ticket: NUMBER, user: { id: '7', name: 'Alan Agent' }, internal: false })
    act(() => vi.advanceTimersByTime(3000))
    expect(screen.getByText('Alan Agent is typing…')).toBeInTheDocument()
    emit({ type: 'typing', ticket: NUMBER, user: { id: '8', name: 'Grace Agent' }, internal: false })
    expect(screen.getByText('Alan Agent and Grace Agent are typing…')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(1100))
    expect(screen.getByText('Grace Agent is typing…')).toBeInTheDocument()
    // a posted comment ends the indicator at once
    emit({ type: 'comment.created', ticket: NUMBER, comment: comment(3, { author: { id: '8', name: 'Grace Agent' } }) })
    expect(screen.queryByText(/is typing/)).not.toBeInTheDocument()
  })

  it('tells the others it is typing at most every two seconds', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T09:00:00Z') })
    signedInAs(AGENT)
    render(<CommentThread number={NUMBER} />)
    await act(async () => {})
    const box = screen.getByLabelText('Comment')
    fireEvent.change(box, { target: { value: 'H' } })
    fireEvent.change(box, { target: { value: 'He' } })
    act(() => vi.advanceTimersByTime(1500))
    fireEvent.change(box, { target: { value: 'Hel' } })
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenLastCalledWith({ type: 'typing', internal: false })
    act(() => vi.advanceTimersByTime(600))
    fireEvent.click(screen.getByRole('checkbox', { name: 'Internal note' }))
    fireEvent.change(box, { target: { value: 'Hell' } })
    expect(send).toHaveBeenCalledTimes(2)
    expect(send).toHaveBeenLastCalledWith({ type: 'typing', internal: true })
  })

  describe('mentions', () => {
    const colleagues = {
      count: 2,
      results: [
        { id: 8, email: 'grace@example.com', name: 'Grace Hopper', handle: 'grace.hopper', department: 'IT', roles: [] },
        { id: 9, email: 'gregor@example.com', name: 'Gregor Mendel', handle: 'gregor.mendel', department: 'IT', roles: [] },
      ],
    }

    beforeEach(() => {
      signedInAs(AGENT)
      auth.searchColleagues.mockResolvedValue(colleagues)
    })

    it('offers colleagues for @ and two letters and inserts the chosen one with Enter', async () => {
      const user = userEvent.setup()
      render(<CommentThread number={NUMBER} />)
      await screen.findByText('Body 1')
      const box = screen.getByLabelText('Comment')
      await user.type(box, 'Ask @g')
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument()
      await user.type(box, 'r')
      const list = await screen.findByRole('listbox')
      expect(auth.searchColleagues).toHaveBeenLastCalledWith('gr')
      const options = within(list).getAllByRole('option')
      expect(options).toHaveLength(2)
      expect(options[0]).toHaveAttribute('aria-selected', 'true')
      expect(box).toHaveAttribute('aria-activedescendant', options[0].id)

      await user.keyboard('{ArrowDown}')
      expect(options[1]).toHaveAttribute('aria-selected', 'true')
      await user.keyboard('{ArrowDown}')
      expect(options[0]).toHaveAttribute('aria-selected', 'true')
      await user.keyboard('{ArrowUp}')
      expect(options[1]).toHaveAttribute('aria-selected', 'true')
      await user.keyboard('{Enter}')
      expect(box).toHaveValue('Ask @gregor@example.com ')
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument()
      expect(messaging.postComment).not.toHaveBeenCalled()
      await user.type(box, 'please')
      expect(box).toHaveValue('Ask @gregor@example.com please')
    })

    it('inserts a colleague chosen with the mouse, mid-text', async () => {
      const user = userEvent.setup()
      render(<CommentThread number={NUMBER} />)
      await screen.findByText('Body 1')
      const box = screen.getByLabelText('Comment')
      fireEvent.change(box, { target: { value: 'Hi @gra and thanks', selectionStart: 7, selectionEnd: 7 } })
      const list = await screen.findByRole('listbox')
      expect(auth.searchColleagues).toHaveBeenLastCalledWith('gra')
      await user.click(within(list).getByRole('option', { name: /Grace Hopper/ }))
      expect(box).toHaveValue('Hi @grace@example.com  and thanks')
    })

    it('closes the list with Escape', async () => {
      const user = userEvent.setup()
      render(<CommentThread number={NUMBER} />)
      await screen.findByText('Body 1')
      const box = screen.getByLabelText('Comment')
      await user.type(box, '@gre')
      await screen.findByRole('listbox')
      await user.keyboard('{Escape}')
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument()
      expect(box).toHaveValue('@gre')
    })

    it('is not offered to requesters', async () => {
      signedInAs(REQUESTER)
      const user = userEvent.setup()
      render(<CommentThread number={NUMBER} />)
      await screen.findByText('Body 1')
      await user.type(screen.getByLabelText('Comment'), 'Hello @grace')
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(auth.searchColleagues).not.toHaveBeenCalled()
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument()
    })
  })
})
