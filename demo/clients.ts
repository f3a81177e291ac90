// The demo's API client for the password grant: fixed credentials, because the terminal example runs in its
// own process. Demo only; a real deployment configures its clients (and their secrets) in its own file.
export const DEMO_CLI_CLIENT = {
  id: 'demo-cli',
  secret: 'demo-cli-secret-only-for-the-local-demo-0001',
};
