import { describe, expect, it } from 'vitest'
import { parseCatalogFile, writeCatalogFile } from './catalog-file'

describe('catalog files', () => {
  it('reads Backstage Component documents among others, with the line of each dependsOn', () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata: { name: payments }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: billing',
      '  annotations:',
      '    flightdeck.dev/criticality: "1"',
      'spec:',
      '  owner: user:default/jane',
      '  lifecycle: production',
      '  dependsOn:',
      '    - component:ledger',
      '    - resource:default/db',
      ''
    ].join('\n')
    expect(parseCatalogFile(text, 'all.yaml')).toEqual([
      { name: 'billing', fields: { owners: ['jane'], lifecycle: 'active', criticality: 1, dependsOn: ['ledger', 'db'] }, dependsOnEvidence: { ledger: 'all.yaml:15', db: 'all.yaml:16' } }
    ])
  })

  it("round-trips Flightdeck's own format and names what is wrong in a bad one", () => {
    const records = [{ name: 'a', fields: { criticality: 2, tags: ['x'], links: [{ title: 'Runbook', url: 'https://rb.example.com/a' }], owners: null } }]
    const text = writeCatalogFile(records)
    expect(text).toBe('repositories:\n  - name: a\n    criticality: 2\n    tags:\n      - x\n    links:\n      - title: Runbook\n        url: https://rb.example.com/a\n')
    expect(parseCatalogFile(text, 'c.yaml')).toEqual([{ name: 'a', fields: { criticality: 2, tags: ['x'], links: [{ title: 'Runbook', url: 'https://rb.example.com/a' }] }, dependsOnEvidence: {} }])
    expect(() => parseCatalogFile('repositories:\n  - owners: [x]\n', 'c.yaml')).toThrow('c.yaml: repositories[0] needs a name')
    expect(() => parseCatalogFile('repositories:\n  - name: a\n    lifecycle: retired\n', 'c.yaml')).toThrow(/c\.yaml \(a\): lifecycle/)
    expect(() => parseCatalogFile('repositories:\n  - name: a\n    colour: red\n', 'c.yaml')).toThrow(/colour/)
    expect(() => parseCatalogFile('repositories: 3\n', 'c.yaml')).toThrow('repositories must be a list')
    expect(() => parseCatalogFile('a: [\n', 'c.yaml')).toThrow(/^c\.yaml: /)
  })
})
