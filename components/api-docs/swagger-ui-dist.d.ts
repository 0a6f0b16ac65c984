// swagger-ui-dist ships no types; this is the one call the API page makes.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  const SwaggerUIBundle: (options: {
    domNode: HTMLElement;
    url: string;
    validatorUrl: string | null;
    deepLinking?: boolean;
    tryItOutEnabled?: boolean;
  }) => unknown;
  export default SwaggerUIBundle;
}
