// pdfkit 0.20 accepts an already-parsed fontkit Font in registerFont (see its CHANGELOG);
// @types/pdfkit 0.17 does not declare that overload yet.
declare namespace PDFKit.Mixins {
  interface PDFFont {
    registerFont(name: string, src: import('fontkit').Font, family?: string): this;
  }
}
