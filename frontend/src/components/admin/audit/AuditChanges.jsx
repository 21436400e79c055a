// An audit entry's `old` and `new` (any JSON): field by field when both are objects,
// otherwise each as it is.
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

function Value({ value }) {
  if (value === undefined) return <span className="muted">—</span>
  if (value === null) return <span className="muted">null</span>
  if (typeof value === 'object') return <pre className="audit-json">{JSON.stringify(value, null, 2)}</pre>
  if (value === '') return <span className="muted">(empty)</span>
  return <span className="audit-value">{String(value)}</span>
}

export function hasChanges(entry) {
  return (entry.old !== null && entry.old !== undefined) || (entry.new !== null && entry.new !== undefined)
}

export default function AuditChanges({ entry }) {
  const before = entry.old ?? undefined
  const after = entry.new ?? undefined
  if (!isObject(before ?? {}) || !isObject(after ?? {})) {
    return (
      <dl className="audit-raw">
        <dt>Before</dt>
        <dd>
          <Value value={before} />
        </dd>
        <dt>After</dt>
        <dd>
          <Value value={after} />
        </dd>
      </dl>
    )
  }
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])]
  return (
    <table className="audit-diff">
      <caption className="visually-hidden">Changes</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const changed = before !== undefined && after !== undefined && !same(before[key], after[key])
          return (
            <tr key={key} className={changed ? 'audit-changed' : undefined}>
              <th scope="row">
                {key}
                {changed && ' '}
                {changed && <span className="visually-hidden">(changed)</span>}
              </th>
              <td data-label="Before">
                <Value value={before?.[key]} />
              </td>
              <td data-label="After">
                <Value value={after?.[key]} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
