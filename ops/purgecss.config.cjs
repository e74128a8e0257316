// Which of Oscar's styles.css rules the shop's pages can use (ops/shop-css.sh writes
// static/css/oscar-shop.css from it): every class, id and element named in a template, script or
// Python module that can render a shop page. The dashboard keeps Oscar's own stylesheets.
const oscar = process.env.OSCAR_DIR;
module.exports = {
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    oscar + "/templates/oscar/**/*.html",
    "static/js/*.js",
    "*/static/**/*.js",
    oscar + "/static/oscar/js/oscar/ui.js",
    oscar + "/static/oscar/js/bootstrap4/bootstrap.bundle.js",
    "*/**/*.py",
    oscar + "/forms/**/*.py",
    oscar + "/apps/**/forms.py",
    oscar + "/templatetags/*.py",
  ],
  skippedContentGlobs: ["**/dashboard/**", "**/migrations/**", "tests/**", "var/**", "bench/**"],
  // Built from parts in templates ("alert-{{ tag }}") or set by scripts.
  safelist: { standard: [/^show$/, /^active$/, /^fade$/, /^disabled$/, /^is-/, /^was-validated$/, /^alert-/, /^btn-/] },
  variables: true,
  keyframes: true,
  fontFace: false, // Font Awesome names its family through a variable: keep its faces (fetched only when an icon shows)
};
