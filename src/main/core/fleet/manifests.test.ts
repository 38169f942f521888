import { describe, expect, it } from 'vitest'
import { imageName, parseCargoToml, parseCodeowners, parseDockerfile, parseGoMod, parseMakefileTargets, parsePackageJson, parsePyproject, requirementName } from './manifests'

describe('manifest parsers', () => {
  it('reads package.json names and the line of each dependency in every block', () => {
    const text = '{\n  "name": "@acme/a",\n  "packageManager": "pnpm@9.1.0",\n  "dependencies": { "x": "1",\n    "@acme/b": "2" },\n  "devDependencies": {\n    "y": "1"\n  },\n  "scripts": { "dependencies": "no" }\n}\n'
    expect(parsePackageJson(text)).toEqual({ name: '@acme/a', packageManager: 'pnpm@9.1.0', dependencies: [{ name: 'x', line: 4 }, { name: '@acme/b', line: 5 }, { name: 'y', line: 7 }] })
    expect(parsePackageJson('not json')).toEqual({ name: null, packageManager: null, dependencies: [] })
    expect(parsePackageJson('[1]').name).toBeNull()
  })

  it('reads go.mod module, go version and requires in both forms, skipping comments, replace and exclude blocks', () => {
    const text = 'module "github.com/acme/a" // the module\n\ngo 1.23\n\nrequire github.com/acme/b v1.0.0\nrequire (\n  // nothing\n  github.com/acme/c v0.1.0 // indirect\n)\nreplace (\n  github.com/acme/d => ../d\n)\nexclude github.com/acme/e v1.0.0\n'
    expect(parseGoMod(text)).toEqual({ module: 'github.com/acme/a', goVersion: '1.23', requires: [{ name: 'github.com/acme/b', line: 5 }, { name: 'github.com/acme/c', line: 8 }] })
  })

  it('reads pyproject [project] name and dependencies (normalized), and nothing from other tables', () => {
    const text = [
      '[tool.other]',
      'dependencies = ["not-this"]',
      '[project]',
      'name = "Acme_Thing"',
      "dependencies = ['one>=1', \"two[extra]  ; python_version<'3.9'\",",
      '  # "commented-out",',
      '  "Three.Four[x,y]", # trailing',
      ']',
      'optional = ["not-this-either"]',
      '[project.optional-dependencies]',
      'dev = ["nor-this"]'
    ].join('\n')
    expect(parsePyproject(text)).toEqual({
      name: 'acme-thing',
      dependencies: [
        { name: 'one', line: 5 },
        { name: 'two', line: 5 },
        { name: 'three-four', line: 7 }
      ]
    })
    expect(parsePyproject('[project]\ndependencies = [ "a", "b" ]\nname = "late"\n')).toEqual({ name: 'late', dependencies: [{ name: 'a', line: 2 }, { name: 'b', line: 2 }] })
    expect(requirementName('  requests [socks] >= 2')).toBe('requests')
    expect(requirementName('>=2')).toBeNull()
  })

  it('reads Cargo.toml package name and dependencies of every dependency table, renames included', () => {
    const text = [
      '[package]',
      'name = "acme_core"',
      '[dependencies]',
      'serde = { version = "1", features = ["derive"] }',
      'acme-log = "0.3" # logging',
      'util = { package = "acme-util", path = "../util" }',
      '[dev-dependencies.acme_test]',
      'version = "1"',
      "[target.'cfg(unix)'.build-dependencies]",
      'cc = "1"',
      '[features]',
      'default = ["serde"]',
      '[dependencies.renamed]',
      'package = "acme-real"'
    ].join('\n')
    expect(parseCargoToml(text)).toEqual({
      name: 'acme-core',
      dependencies: [
        { name: 'serde', line: 4 },
        { name: 'acme-log', line: 5 },
        { name: 'acme-util', line: 6 },
        { name: 'acme-test', line: 7 },
        { name: 'cc', line: 10 },
        { name: 'acme-real', line: 13 }
      ]
    })
  })

  it('reads Dockerfile FROM images without tags, digests, earlier stages or scratch', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build AS test\nfrom ghcr.io/acme/base:1.0@sha256:abc\nFROM scratch\nFROM localhost:5000/img\nFROM ${BASE}\n'
    expect(parseDockerfile(text)).toEqual([{ name: 'golang', line: 1 }, { name: 'ghcr.io/acme/base', line: 3 }, { name: 'localhost:5000/img', line: 5 }])
    expect(imageName('Registry:5000/A/B:tag')).toBe('registry:5000/a/b')
  })

  it('reads Makefile targets and the CODEOWNERS catch-all rule', () => {
    expect(parseMakefileTargets('.PHONY: test\nVAR := 1\nbuild lint: deps\n\techo\n%.o: %.c\ntest:\n').map((t) => `${t.name}:${t.line}`)).toEqual(['build:3', 'lint:3', 'test:6'])
    expect(parseCodeowners('*.js @js\n* @a @b # comment\ndocs/ @docs\n')).toEqual({ owners: ['@a', '@b'], line: 2 })
    expect(parseCodeowners('docs/ @docs\n')).toBeNull()
  })
})
