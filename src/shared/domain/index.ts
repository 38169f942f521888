export * from './repo'
export * from './issue'
export * from './context'
export * from './run'
