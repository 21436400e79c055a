// The thread's state: comments by id, merged from the REST list, our own POST/PATCH answers
// and the socket's comment.* events — each comment shown once, whichever arrives first.
export const initialThread = { comments: [], deleted: {} }

const stamp = (comment) => Date.parse(comment.edited_at || comment.created_at || '') || 0

function order(a, b) {
  const byTime = (Date.parse(a.created_at || '') || 0) - (Date.parse(b.created_at || '') || 0)
  if (byTime) return byTime
  return Number(a.id) - Number(b.id) || String(a.id).localeCompare(String(b.id))
}

// The newer version wins (an edit beats the original; an equal one replaces it).
function merge(list, incoming, deleted) {
  const byId = new Map(list.map((comment) => [String(comment.id), comment]))
  for (const comment of incoming) {
    if (!comment || comment.id === undefined || deleted[String(comment.id)]) continue
    const known = byId.get(String(comment.id))
    if (!known || stamp(comment) >= stamp(known)) byId.set(String(comment.id), comment)
  }
  return [...byId.values()].sort(order)
}

export function threadReducer(state, action) {
  switch (action.type) {
    case 'loaded':
      return { ...state, comments: merge(state.comments, action.comments, state.deleted) }
    case 'upsert':
      return { ...state, comments: merge(state.comments, [action.comment], state.deleted) }
    case 'remove': {
      const id = String(action.id)
      return {
        comments: state.comments.filter((comment) => String(comment.id) !== id),
        deleted: { ...state.deleted, [id]: true },
      }
    }
    case 'reset':
      return initialThread
    default:
      return state
  }
}

// "Also viewing: …" without yourself (presence viewers are [{id, name, is_agent}]).
export function presenceText(viewers, ...selfIds) {
  const selves = new Set(selfIds.filter((id) => id !== undefined && id !== null).map(String))
  const others = (viewers || []).filter((viewer) => !selves.has(String(viewer.id)))
  if (!others.length) return ''
  return `Also viewing: ${others.map((viewer) => viewer.name || `User ${viewer.id}`).join(', ')}`
}

export function typingText(names) {
  if (!names.length) return ''
  if (names.length === 1) return `${names[0]} is typing…`
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`
}

// "@" plus 2+ characters right before the caret, at the start or after whitespace.
export function mentionQuery(textBeforeCaret) {
  const match = /(?:^|\s)@([^\s@]{2,})$/.exec(textBeforeCaret)
  return match ? match[1] : null
}
