import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useFocusTrap } from "../useFocusTrap.js";
import { decodeFrame } from "./qrDecode.js";
import "./QrScanner.css";

/** How often a frame is read: enough to feel instant, little enough to leave a phone's CPU (and battery) alone. */
const FRAMES_PER_SECOND = 6;
/** Frames are scaled down to this width before jsqr reads them: a printed code fills much of the view anyway. */
const DECODE_WIDTH = 640;

/** The parts of the Shape Detection API used here (not in TypeScript's DOM types; Chromium on Android has it). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorLike | null {
  const constructor = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (!constructor) return null;
  try {
    return new constructor({ formats: ["qr_code"] });
  } catch {
    // A detector that cannot read QR codes on this device: jsqr reads them instead.
    return null;
  }
}

type CameraState = "starting" | "scanning" | "denied" | "noCamera";

export interface QrScannerProps {
  /** Called once per distinct code the camera reads, and for each code typed into the field. */
  onCode(text: string): void;
  onClose(): void;
}

/**
 * A camera QR scanner in a dialog: the back camera's view, read with BarcodeDetector where the browser has one, else
 * jsqr on a canvas a few times a second. A denied or missing camera says so and offers a field to type or paste the
 * code (also there at any time behind "Type the code instead"): the keyboard's way, and the tests'. The camera's
 * tracks stop when the dialog closes.
 */
export function QrScanner({ onCode, onClose }: QrScannerProps) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState<CameraState>("starting");
  const [manual, setManual] = useState(false);
  const [typed, setTyped] = useState("");
  const dialog = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const manualInput = useRef<HTMLInputElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  // The latest callback, so the frame loop started once always reports to the current page.
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);
  const ids = { title: useId(), status: useId(), input: useId() };
  useFocusTrap(dialog, true, closeButton);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Set<string>();
    const report = (text: string | null) => {
      if (stopped || text === null || seen.has(text)) return;
      seen.add(text);
      onCodeRef.current(text);
    };

    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        // No camera API at all: an old browser, or a page served over plain http to another device.
        setCamera("noCamera");
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      } catch (e) {
        if (stopped) return;
        const name = e instanceof DOMException ? e.name : "";
        setCamera(name === "NotAllowedError" || name === "SecurityError" ? "denied" : "noCamera");
        return;
      }
      if (stopped || !video.current) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      const element = video.current;
      element.srcObject = stream;
      try {
        await element.play();
      } catch {
        // Autoplay of a muted inline video is allowed; a refusal still leaves frames to read once it plays.
      }
      if (stopped) return;
      setCamera("scanning");
      const detector = barcodeDetector();
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true });
      const tick = async () => {
        if (stopped) return;
        if (element.readyState >= element.HAVE_CURRENT_DATA && element.videoWidth > 0) {
          if (detector) {
            try {
              const found = await detector.detect(element);
              report(found[0]?.rawValue ?? null);
            } catch {
              // A frame the detector could not take (the video is between sizes): the next one will do.
            }
          } else if (context) {
            const scale = Math.min(1, DECODE_WIDTH / element.videoWidth);
            canvas.width = Math.round(element.videoWidth * scale);
            canvas.height = Math.round(element.videoHeight * scale);
            context.drawImage(element, 0, 0, canvas.width, canvas.height);
            report(decodeFrame(context.getImageData(0, 0, canvas.width, canvas.height)));
          }
        }
        if (!stopped) timer = setTimeout(() => void tick(), 1000 / FRAMES_PER_SECOND);
      };
      void tick();
    };
    void start();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const cameraFailed = camera === "denied" || camera === "noCamera";
  const showManual = manual || cameraFailed;
  useEffect(() => {
    if (showManual) manualInput.current?.focus();
  }, [showManual]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onClose();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (text === "") {
      manualInput.current?.focus();
      return;
    }
    onCode(text);
  };

  const status =
    camera === "starting" ? t("huntPages.scanner.starting") : camera === "scanning" ? t("huntPages.scanner.aim") : camera === "denied" ? t("huntPages.scanner.denied") : t("huntPages.scanner.noCamera");

  return (
    <div className="qr-scanner-backdrop">
      <div ref={dialog} className="qr-scanner card" role="dialog" aria-modal="true" aria-labelledby={ids.title} data-testid="qr-scanner">
        <div className="qr-scanner-top">
          <h2 id={ids.title}>{t("huntPages.scanner.title")}</h2>
          <button ref={closeButton} type="button" className="icon-button qr-scanner-close" onClick={onClose} aria-label={t("huntPages.scanner.close")} data-testid="qr-scanner-close">
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        {!cameraFailed && (
          <div className="qr-scanner-view" data-state={camera}>
            <video ref={video} className="qr-scanner-video" muted playsInline aria-label={t("huntPages.scanner.video")} />
            <span className="qr-scanner-frame" aria-hidden="true" />
          </div>
        )}
        <p id={ids.status} className={cameraFailed ? "qr-scanner-status is-problem" : "qr-scanner-status"} role={cameraFailed ? "alert" : "status"} data-testid="qr-scanner-status" data-state={camera}>
          {status}
        </p>
        {showManual ? (
          <form className="qr-scanner-manual" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={ids.input}>{t("huntPages.scanner.manualLabel")}</label>
              <input
                ref={manualInput}
                id={ids.input}
                type="text"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                maxLength={600}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                data-testid="qr-scanner-input"
              />
            </div>
            <button type="submit" className="button primary" data-testid="qr-scanner-use">
              {t("huntPages.scanner.use")}
            </button>
          </form>
        ) : (
          <button type="button" className="button ghost" onClick={() => setManual(true)} data-testid="qr-scanner-type">
            {t("huntPages.scanner.typeInstead")}
          </button>
        )}
      </div>
    </div>
  );
}
