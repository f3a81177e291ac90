// `cem analyze` (in `npm run build`): the element's manifest into dist/, without rewriting package.json,
// whose `customElements` already points there.
export default {
  globs: ['widget/gluu-login.ts', 'widget/gluu-account.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
};
