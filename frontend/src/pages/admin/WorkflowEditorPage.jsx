import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router-dom'

import { listRoles } from '../../api/auth.js'
import { getGraph, getWorkflow, listCalendars, publishWorkflow, saveGraph, updateWorkflow, workflowVersions } from '../../api/workflow.js'
import { StatusBadge } from '../../components/Badges.jsx'
import { Empty, ErrorMessage, Loading } from '../../components/States.jsx'
import { fieldErrors, formErrorText } from '../../components/tickets/fieldErrors.js'
import ConnectForm from '../../components/workflow/ConnectForm.jsx'
import GraphCanvas, { FIT } from '../../components/workflow/GraphCanvas.jsx'
import { GraphOutline, ProblemList } from '../../components/workflow/GraphOutline.jsx'
import { StepPanel, TransitionPanel } from '../../components/workflow/SidePanel.jsx'
import SlaSummary from '../../components/workflow/SlaSummary.jsx'
import VersionList from '../../components/workflow/VersionList.jsx'
import WorkflowFields from '../../components/workflow/WorkflowFields.jsx'
import { END_ID, clientProblems, decorate, definitionToGraph, edgeIdOf, isStep, problemsFromError, toApi } from '../../components/workflow/graph.js'
import { PROPERTY_FIELDS, formToWorkflow, workflowToForm } from '../../components/workflow/properties.js'
import { useGraphEditor } from '../../components/workflow/useGraphEditor.js'
import { useFetch } from '../../hooks/useFetch.js'
import '../../styles/tasks.css'
import '../../styles/tickets.css'
import '../../styles/workflow-editor.css'

export const NOT_SAVED = 'Fix the problems below; nothing was saved.'

// The admin's workflow editor: properties and SLA targets (PATCH), the graph on a canvas
// (PUT as a whole), publishing, and the published versions read-only (?version=N).
export default function WorkflowEditorPage() {
  const { id } = useParams()
  const [searchParams] = useSearchParams()
  const viewing = searchParams.get('version')
  const readOnlyVersion = viewing !== null

  const workflow = useFetch(() => getWorkflow(id), [id])
  const graph = useFetch(() => getGraph(id), [id])
  const versions = useFetch(() => workflowVersions(id), [id])
  const roles = useFetch(() => listRoles('tts'), [])
  const calendars = useFetch(() => listCalendars(), [])

  const editor = useGraphEditor()
  const viewer = useGraphEditor()
  const [form, setForm] = useState(null)
  const [formDirty, setFormDirty] = useState(false)
  const [formErrors, setFormErrors] = useState({})
  const [notice, setNotice] = useState(null) // {tone: 'ok'|'error', text}
  const [problemTitle, setProblemTitle] = useState('')
  const [busy, setBusy] = useState('') // 'save' | 'publish' | 'properties'
  const [focus, setFocus] = useState(null) // {field: 'step'|'edge', id} to focus once selected
  const flow = useRef(null)
  const stepNameRef = useRef(null)
  const sideRef = useRef(null)

  const archived = workflow.data?.status === 'archived'
  const readOnly = readOnlyVersion || archived
  const active = readOnlyVersion ? viewer : editor
  const { load: loadEditor } = editor
  const { load: loadViewer } = viewer

  // the draft graph, each time it is fetched
  useEffect(() => {
    if (graph.data) loadEditor(graph.data)
  }, [graph.data, loadEditor])
  // the properties form follows what the API last answered
  useEffect(() => {
    if (workflow.data) {
      setForm(workflowToForm(workflow.data))
      setFormDirty(false)
    }
  }, [workflow.data])
  // a published version, frozen
  const version = useMemo(
    () => (readOnlyVersion && Array.isArray(versions.data) ? versions.data.find((v) => String(v.number) === viewing) || null : null),
    [readOnlyVersion, versions.data, viewing],
  )
  useEffect(() => {
    if (version) loadViewer(definitionToGraph(version.definition))
  }, [version, loadViewer])

  const dirty = editor.dirty || formDirty
  useEffect(() => {
    if (!dirty) return undefined
    const warn = (event) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const roleList = useMemo(() => roles.data?.results || [], [roles.data])
  const roleNames = useMemo(() => Object.fromEntries(roleList.map((r) => [r.id, r.name])), [roleList])
  const problems = useMemo(
    () => active.problems.map((p) => (p.edge !== undefined ? { ...p, edge: edgeIdOf(p.edge, active.edges) } : p)),
    [active.problems, active.edges],
  )
  const shown = useMemo(() => decorate(active.nodes, active.edges, problems, roleNames), [active.nodes, active.edges, problems, roleNames])
  const selectedNode = shown.nodes.find((n) => n.selected && isStep(n)) || null
  const selectedEdge = selectedNode ? null : shown.edges.find((e) => e.selected) || null

  useEffect(() => {
    if (!focus) return
    if (focus.field === 'step' && selectedNode?.id === focus.id) {
      stepNameRef.current?.focus()
      stepNameRef.current?.select()
      setFocus(null)
    } else if (focus.field === 'edge' && selectedEdge?.id === focus.id) {
      document.getElementById('wf-edge-label')?.focus()
      setFocus(null)
    }
  }, [focus, selectedNode, selectedEdge])

  const fit = () => window.requestAnimationFrame(() => flow.current?.fitView(FIT))

  const addStep = () => {
    const stepId = editor.addStep()
    setFocus({ field: 'step', id: stepId })
    fit()
  }
  const connectByDrag = useCallback(
    ({ source, target }) => {
      const edgeId = editor.addTransition({ from: source, to: target, label: '', endStatus: 'resolved' })
      editor.select('edge', edgeId)
      setFocus({ field: 'edge', id: edgeId })
    },
    [editor],
  )
  const connectByForm = (fields) => {
    const edgeId = editor.addTransition(fields)
    editor.select('edge', edgeId)
    fit()
    setNotice({ tone: 'ok', text: `Transition “${fields.label}” added.` })
  }
  const autoLayout = () => {
    editor.layout()
    fit()
  }
  const deleteSelected = (kind, itemId) => {
    if (kind === 'node') editor.removeStep(itemId)
    else editor.removeTransition(itemId)
    sideRef.current?.focus()
  }

  const showProblems = (list, title) => {
    editor.setProblems(list)
    setProblemTitle(title)
  }

  // PUT the whole graph; the answer (real ids instead of "tmp-…") replaces the editor's.
  const saveDraftGraph = async () => {
    const local = clientProblems(editor.nodes, editor.edges)
    if (local.length) {
      showProblems(local, NOT_SAVED)
      return false
    }
    const sent = toApi(editor.nodes, editor.edges)
    try {
      const saved = await saveGraph(id, sent)
      const endAt = editor.nodes.find((n) => n.id === END_ID)?.position
      editor.load(saved, { endAt })
      showProblems([], '')
      return true
    } catch (error) {
      const found = problemsFromError(error, sent)
      if (found) showProblems(found, `${error.detail || 'The graph is not valid.'} Nothing was saved.`)
      else setNotice({ tone: 'error', text: error.detail || error.message })
      return false
    }
  }

  const saveProperties = async () => {
    const { fields, errors } = formToWorkflow(form)
    setFormErrors(errors)
    if (Object.keys(errors).length) {
      setNotice({ tone: 'error', text: 'Check the marked properties; they were not saved.' })
      return false
    }
    try {
      const updated = await updateWorkflow(id, fields)
      workflow.setData(updated)
      return true
    } catch (error) {
      setFormErrors(fieldErrors(error))
      setNotice({ tone: 'error', text: formErrorText(error, PROPERTY_FIELDS) })
      return false
    }
  }

  // Whatever is unsaved: properties (PATCH) and the graph (PUT).
  const saveChanges = async () => {
    let ok = true
    if (formDirty) ok = (await saveProperties()) && ok
    if (editor.dirty) ok = (await saveDraftGraph()) && ok
    return ok
  }

  const run = (kind, work) => async (event) => {
    event?.preventDefault?.()
    setBusy(kind)
    setNotice(null)
    try {
      await work()
    } finally {
      setBusy('')
    }
  }

  const save = run('save', async () => {
    if (!dirty) {
      setNotice({ tone: 'ok', text: 'Nothing to save: everything is saved.' })
      return
    }
    if (await saveChanges()) setNotice({ tone: 'ok', text: 'Saved.' })
  })

  const submitProperties = run('properties', async () => {
    if (await saveProperties()) setNotice({ tone: 'ok', text: 'Properties saved.' })
  })

  const publish = run('publish', async () => {
    if (dirty && !(await saveChanges())) return
    try {
      const published = await publishWorkflow(id)
      showProblems([], '')
      setNotice({ tone: 'ok', text: `Published version ${published.number}.` })
      workflow.reload()
      versions.reload()
    } catch (error) {
      const found = problemsFromError(error, toApi(editor.nodes, editor.edges))
      if (found) showProblems(found, `${error.detail || 'The graph is not valid.'} Nothing was published.`)
      else setNotice({ tone: 'error', text: error.detail || error.message })
    }
  })

  const setField = (patch) => {
    setForm((current) => ({ ...current, ...patch }))
    setFormDirty(true)
  }

  if (workflow.loading && !workflow.data) return <Loading label="Loading the workflow…" />
  if (workflow.error && !workflow.data) {
    return (
      <section className="wf-editor-page">
        <p className="breadcrumb">
          <Link to="/admin/workflows">Workflows</Link>
        </p>
        <ErrorMessage
          error={workflow.error.status === 404 ? 'There is no such workflow.' : workflow.error}
          onRetry={workflow.error.status === 404 ? undefined : workflow.reload}
        />
      </section>
    )
  }
  const data = workflow.data
  if (!data) return null
  const base = `/admin/workflows/${id}`
  const graphReady = readOnlyVersion ? Boolean(version) : Boolean(graph.data)
  const stepCount = shown.nodes.filter(isStep).length

  return (
    <section className="wf-editor-page" aria-labelledby="wf-heading">
      <p className="breadcrumb">
        <Link to="/admin/workflows">Workflows</Link>
      </p>
      <div className="page-head">
        <h1 id="wf-heading">{data.name}</h1>
        <div className="wf-head-meta">
          <StatusBadge status={data.status} />
          <span className="muted">{data.current_version ? `Current version ${data.current_version}` : 'Not published yet'}</span>
          {!readOnlyVersion && (
            <span className={dirty ? 'wf-dirty' : 'wf-clean'} role="status">
              {dirty ? 'Unsaved changes' : 'All changes saved'}
            </span>
          )}
        </div>
      </div>

      {readOnlyVersion && (
        <div className="wf-banner" role="note">
          <strong>Version {viewing}, read-only</strong>
          <span>
            {' '}
            — what tickets of this version follow. <Link to={base}>Back to the draft</Link>
          </span>
        </div>
      )}
      {archived && !readOnlyVersion && (
        <div className="wf-banner" role="note">
          <strong>Archived, read-only</strong>
          <span> — an archived workflow can no longer be edited or published.</span>
        </div>
      )}

      {notice && (
        <div className={`task-notice task-notice-${notice.tone}`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}

      {!readOnly && (
        <div className="wf-toolbar" role="group" aria-label="Editor actions">
          <button type="button" onClick={addStep} disabled={!graph.data || Boolean(busy)}>
            Add step
          </button>
          <button type="button" onClick={autoLayout} disabled={!graph.data || stepCount === 0 || Boolean(busy)}>
            Auto-layout
          </button>
          <span className="wf-toolbar-gap" />
          <button type="button" onClick={save} disabled={!graph.data || Boolean(busy)}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="primary" onClick={publish} disabled={!graph.data || Boolean(busy)}>
            {busy === 'publish' ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      )}

      <ProblemList title={problemTitle} problems={problems} nodes={shown.nodes} edges={shown.edges} onSelect={active.select} />

      <h2 className="wf-section-title" id="wf-graph-heading">
        Graph
      </h2>
      {readOnlyVersion && versions.loading && !versions.data && <Loading label={`Loading version ${viewing}…`} />}
      {readOnlyVersion && versions.error && <ErrorMessage error={versions.error} onRetry={versions.reload} />}
      {readOnlyVersion && versions.data && !version && (
        <div className="state state-error" role="alert">
          <span>There is no version {viewing} of this workflow.</span> <Link to={base}>Open the draft</Link>
        </div>
      )}
      {!readOnlyVersion && graph.loading && !graph.data && <Loading label="Loading the graph…" />}
      {!readOnlyVersion && graph.error && <ErrorMessage error={graph.error} onRetry={graph.reload} />}

      {graphReady && (
        <>
          {stepCount === 0 && <Empty>{readOnly ? 'This version has no steps.' : 'This workflow has no steps yet. Use “Add step” to begin.'}</Empty>}
          <div className="wf-editor">
            <div className="wf-canvas-column">
              <GraphCanvas
                key={readOnlyVersion ? `version-${viewing}` : 'draft'}
                label={readOnlyVersion ? `Version ${viewing} graph` : 'Workflow graph'}
                nodes={shown.nodes}
                edges={shown.edges}
                readOnly={readOnly}
                onNodesChange={active.onNodesChange}
                onEdgesChange={active.onEdgesChange}
                onConnect={connectByDrag}
                onSelect={active.select}
                onInit={(instance) => {
                  flow.current = instance
                }}
              />
              {!readOnly && (
                <p className="hint">
                  Drag a step to move it. Drag from a step&apos;s right edge to another step or to End to connect them. Select a step or
                  transition and press Delete to remove it.
                </p>
              )}
            </div>
            <aside className="wf-side" aria-label="Selection" tabIndex={-1} ref={sideRef}>
              {selectedNode ? (
                <StepPanel
                  node={selectedNode}
                  roles={roleList}
                  rolesError={roles.error}
                  readOnly={readOnly}
                  nameRef={stepNameRef}
                  onChange={(patch) => editor.updateStep(selectedNode.id, patch)}
                  onDelete={() => deleteSelected('node', selectedNode.id)}
                />
              ) : selectedEdge ? (
                <TransitionPanel
                  edge={selectedEdge}
                  nodes={shown.nodes}
                  readOnly={readOnly}
                  onChange={(patch) => editor.updateTransition(selectedEdge.id, patch)}
                  onDelete={() => deleteSelected('edge', selectedEdge.id)}
                />
              ) : (
                <p className="muted wf-side-hint">Select a step or a transition (on the canvas or in the list below) to {readOnly ? 'see' : 'edit'} it.</p>
              )}
            </aside>
          </div>
          {!readOnly && <ConnectForm nodes={shown.nodes} edges={shown.edges} onAdd={connectByForm} />}
          <GraphOutline nodes={shown.nodes} edges={shown.edges} onSelect={active.select} />
        </>
      )}

      {readOnlyVersion ? (
        version && (
          <section className="wf-card" aria-labelledby="wf-version-sla-heading">
            <h2 id="wf-version-sla-heading">SLA targets of version {viewing}</h2>
            <SlaSummary targets={version.definition?.sla_targets} />
          </section>
        )
      ) : (
        form && (
          <form className="wf-card wf-properties" onSubmit={submitProperties} noValidate aria-labelledby="wf-properties-heading">
            <h2 id="wf-properties-heading">Properties</h2>
            <WorkflowFields prefix="wf-prop" values={form} errors={formErrors} onChange={setField} calendars={calendars} withSla disabled={archived} />
            {!archived && (
              <div className="form-actions">
                <button type="submit" disabled={Boolean(busy) || !formDirty}>
                  {busy === 'properties' ? 'Saving…' : 'Save properties'}
                </button>
              </div>
            )}
          </form>
        )
      )}

      <VersionList workflowId={id} versions={versions} current={data.current_version} viewing={viewing} />
    </section>
  )
}
