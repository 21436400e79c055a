import { useAuth } from '../../auth/AuthContext.jsx'
import { Empty, ErrorMessage, Loading } from '../States.jsx'
import CommentForm from './CommentForm.jsx'
import CommentItem from './CommentItem.jsx'
import { presenceText, typingText } from './thread.js'
import { useCommentThread } from './useCommentThread.js'

// A ticket's comments, live: new, edited and deleted comments, who else has the ticket
// open and who is typing arrive over /ws/tickets/<number>/.
export default function CommentThread({ number }) {
  const { user, isAgent, isAdmin } = useAuth()
  const thread = useCommentThread(number)

  return (
    <section className="comment-thread">
      <h2 id="comments-heading">Comments</h2>
      <p className="presence muted" aria-live="polite">
        {presenceText(thread.viewers, user?.id, thread.selfId)}
      </p>
      {thread.socketStatus === 'closed' && (
        <p className="state live-paused">Live updates paused; reconnecting…</p>
      )}
      {thread.error && <ErrorMessage error={thread.error} onRetry={thread.reload} />}
      {thread.loading && <Loading label="Loading comments…" />}
      {!thread.loading && !thread.error && thread.comments.length === 0 && <Empty>No comments yet.</Empty>}
      {thread.truncated && <p className="state">Only the first comments are shown.</p>}
      {thread.comments.length > 0 && (
        <ol className="comment-list">
          {thread.comments.map((comment) => {
            const mine = !!user && String(comment.author?.id) === String(user.id)
            return (
              <li key={comment.id}>
                <CommentItem comment={comment} mine={mine} canDelete={mine || isAdmin} onChanged={thread.upsert} onDeleted={thread.remove} />
              </li>
            )
          })}
        </ol>
      )}
      <p className="typing muted" aria-live="polite">
        {typingText(thread.typingNames)}
      </p>
      <CommentForm number={number} isAgent={isAgent} onPosted={thread.upsert} onTyping={thread.notifyTyping} />
    </section>
  )
}
