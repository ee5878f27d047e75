"use client";
// Step 1: choose the file. It goes to the upload route as the raw request body (so
// the server can stream it into the file store), with the upload's own progress.
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/FormError";

export type UploadText = Record<
  "entity" | "file" | "fileHelp" | "submit" | "uploading" | "progress" | "chooseFile" | "tooLarge" | "failed",
  string
>;

export function UploadForm({ entities, initial, text, maxBytes }: {
  entities: { value: string; label: string }[];
  /** The entity chosen at first (one of `entities`), else the first. */
  initial?: string;
  text: UploadText;
  maxBytes: number;
}) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(text.chooseFile);
      fileRef.current?.focus();
      return;
    }
    if (file.size > maxBytes) {
      setError(text.tooLarge);
      return;
    }
    setError(null);
    setPercent(0);
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ entity: String(form.get("entity") ?? ""), name: file.name });
    xhr.open("POST", `/api/imports?${query}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setPercent(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => {
      let body: { importId?: string; error?: { message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status === 201 && body.importId) {
        router.push(`/imports/${body.importId}`);
        return;
      }
      setPercent(null);
      setError(body.error?.message ?? text.failed);
    };
    xhr.onerror = () => {
      setPercent(null);
      setError(text.failed);
    };
    xhr.send(file);
  }

  const busy = percent !== null;
  return (
    <form onSubmit={onSubmit} className="max-w-xl rounded-lg border border-slate-200 bg-white p-4" data-testid="import-upload">
      <FormError message={error} />
      <div className="mb-4">
        <label htmlFor="import-entity" className="mb-1 block text-sm font-medium text-slate-800">{text.entity}</label>
        <select id="import-entity" name="entity" defaultValue={initial} className="w-full rounded border border-slate-400 px-3 py-2 text-slate-900">
          {entities.map((e) => <option key={e.value} value={e.value}>{e.label}</option>)}
        </select>
      </div>
      <div className="mb-4">
        <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-800">{text.file}</label>
        <input
          id="import-file" ref={fileRef} type="file" name="file" accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="import-file-help" className="block w-full text-sm text-slate-900"
        />
        <p id="import-file-help" className="mt-1 text-sm text-slate-700">{text.fileHelp}</p>
      </div>
      <button type="submit" disabled={busy} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {busy ? text.uploading : text.submit}
      </button>
      {busy ? (
        <div className="mt-3">
          <div role="progressbar" aria-label={text.progress} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full rounded bg-slate-200">
            <div className="h-2 rounded bg-blue-700" style={{ width: `${percent}%` }} />
          </div>
          <p role="status" className="mt-1 text-sm text-slate-800">{percent}%</p>
        </div>
      ) : null}
    </form>
  );
}
