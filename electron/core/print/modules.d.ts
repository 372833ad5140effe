/**
 * The little of pdfmake 0.3 (server side) and fontkit the print module uses;
 * neither package ships type declarations.
 */
declare module 'pdfmake' {
  interface PdfKitDocument {
    bufferedPageRange(): { start: number; count: number };
  }
  interface OutputDocument {
    getStream(): Promise<PdfKitDocument>;
    getBuffer(): Promise<Buffer>;
  }
  interface FontFaces {
    normal: string;
    bold?: string;
    italics?: string;
    bolditalics?: string;
  }
  interface Pdfmake {
    virtualfs: { writeFileSync(name: string, data: Buffer): void; existsSync(name: string): boolean };
    setFonts(fonts: Record<string, FontFaces>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: object, options?: { bufferPages?: boolean }): OutputDocument;
  }
  const pdfmake: Pdfmake;
  export default pdfmake;
}
