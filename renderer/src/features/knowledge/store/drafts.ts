// What Laura typed in the import box and the test question, kept while she switches panels.
import { create } from 'zustand';

interface ImportDraft {
  text: string;
  /** The chosen file's name, while the text is that file's. */
  fileName: string | undefined;
  set(next: { text?: string; fileName?: string | undefined }): void;
}

export const useImportDraft = create<ImportDraft>((set) => ({
  text: '',
  fileName: undefined,
  set: (next) => set(next),
}));

export const useQuestionDraft = create<{ question: string; set(question: string): void }>((set) => ({
  question: '',
  set: (question) => set({ question }),
}));
