import { Link } from 'react-router-dom'

import { Empty, ErrorMessage, Loading } from '../States.jsx'
import { formatDateTime } from '../tasks/format.js'

// Published versions, newest first; each opens read-only on the editor's own route.
export default function VersionList({ workflowId, versions, current, viewing }) {
  const list = Array.isArray(versions.data) ? [...versions.data].sort((a, b) => b.number - a.number) : []
  const base = `/admin/workflows/${workflowId}`
  return (
    <section className="wf-card wf-versions" aria-labelledby="wf-versions-heading">
      <h2 id="wf-versions-heading">Versions</h2>
      {versions.error && <ErrorMessage error={versions.error} onRetry={versions.reload} />}
      {versions.loading && !versions.data && <Loading label="Loading versions…" />}
      {versions.data && list.length === 0 && <Empty>Not published yet. Publish to make the draft a version.</Empty>}
      {list.length > 0 && (
        <ul className="wf-version-list">
          <li>
            {viewing ? <Link to={base}>Draft (editable)</Link> : <strong aria-current="page">Draft (editable)</strong>}
          </li>
          {list.map((version) => (
            <li key={version.id ?? version.number}>
              {String(viewing) === String(version.number) ? (
                <strong aria-current="page">Version {version.number}</strong>
              ) : (
                <Link to={`${base}?version=${version.number}`} aria-label={`View version ${version.number}`}>
                  Version {version.number}
                </Link>
              )}
              {current === version.number && <span className="badge status-resolved">Current</span>}
              {version.published_at && (
                <span className="muted">
                  {' '}
                  published <time dateTime={version.published_at}>{formatDateTime(version.published_at)}</time>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
