// A term or symbol with its plain-words definition from the glossary as a tooltip (dotted underline). Renderer
// shared component.
import type { ReactNode } from 'react';
import { GLOSSARY, type GlossaryTerm } from './glossary';

export function Term({ term, children }: { term: GlossaryTerm; children?: ReactNode }) {
  return <abbr className="term" title={GLOSSARY[term]}>{children ?? term}</abbr>;
}
