#!/usr/bin/env python3
"""Fills resources/translations/musa_es.ts with the Spanish translations
below (run after `ninja musa_lupdate`; strings not listed stay unfinished)."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ES = {
    "audio: off": "audio: apagado",
    "audio: loading…": "audio: cargando…",
    "audio: %1": "audio: %1",
    "audio: no output": "audio: sin salida",
    "audio: no soundfont": "audio: sin soundfont",
    "No General MIDI soundfont was found.": "No se encontró ningún soundfont General MIDI.",
    "No audio output: takes can still be exported and rendered to WAV.":
        "Sin salida de audio: las tomas se pueden seguir exportando y renderizando a WAV.",
    "The soundfont is not loaded yet.": "El soundfont aún no está cargado.",
    "Export Takes": "Exportar tomas",
    "Kept takes (%n)": ["Toma guardada (%n)", "Tomas guardadas (%n)"],
    "Selected take (%1)": "Toma seleccionada (%1)",
    "Selected take (none)": "Toma seleccionada (ninguna)",
    "One .mid file per take": "Un archivo .mid por toma",
    "One multi-track .mid file (a track per take)": "Un archivo .mid multipista (una pista por toma)",
    "Include the primer": "Incluir el motivo inicial",
    "Only bars": "Solo los compases",
    "Choose…": "Elegir…",
    "Export To": "Exportar a",
    "to": "a",
    "Takes:": "Tomas:",
    "Files:": "Archivos:",
    "Content:": "Contenido:",
    "Folder:": "Carpeta:",
    "Export": "Exportar",
    "Temperature: lower stays closer to the primer, higher is wilder":
        "Temperatura: más baja se parece más al motivo inicial, más alta es más libre",
    "Temperature": "Temperatura",
    " qpm": " ppm",
    "Tempo in quarter notes per minute: playback, export, and the note density the model hears":
        "Tempo en negras por minuto: reproducción, exportación y la densidad de notas que oye el modelo",
    "Bars to generate after the primer": "Compases que se generan tras el motivo inicial",
    "How many takes to generate at once": "Cuántas tomas se generan a la vez",
    "Tempo": "Tempo",
    "Bars": "Compases",
    "Takes": "Tomas",
    "Key: Auto estimates it from the primer": "Tonalidad: Auto la estima a partir del motivo inicial",
    "Stay in key": "Mantener la tonalidad",
    "Only notes of the key's scale are sampled": "Solo se eligen notas de la escala de la tonalidad",
    "Key": "Tonalidad",
    "Seed": "Semilla",
    "General MIDI instrument for listening; each take can override it":
        "Instrumento General MIDI para escuchar; cada toma puede tener el suyo",
    "Instrument": "Instrumento",
    "Seed locked: the same settings give the same takes (click for a random seed)":
        "Semilla fija: los mismos ajustes dan las mismas tomas (clic para una semilla aleatoria)",
    "Random seed each time (click to lock the seed shown)":
        "Semilla aleatoria cada vez (clic para fijar la semilla mostrada)",
    "The seed every generation uses": "La semilla que usa cada generación",
    "The seed the last generation used": "La semilla que usó la última generación",
    "Auto (%1)": "Auto (%1)",
    "C": "Do", "D♭": "Re♭", "D": "Re", "E♭": "Mi♭", "E": "Mi", "F": "Fa", "F♯": "Fa♯", "G": "Sol",
    "A♭": "La♭", "A": "La", "B♭": "Si♭", "B": "Si", "C♯": "Do♯", "G♯": "Sol♯",
    "%1 minor": "%1 menor",
    "%1 major": "%1 mayor",
    "No model is loaded.": "No hay ningún modelo cargado.",
    "Import Primer": "Importar motivo inicial",
    "Melodies found in %1 — choose the one to use as the primer:":
        "Melodías encontradas en %1; elige la que servirá de motivo inicial:",
    "Track %1": "Pista %1",
    "%1 · %2 · %3 bars, %4 notes": "%1 · %2 · %3 compases, %4 notas",
    "  (proposed)": "  (propuesta)",
    "Use as Primer": "Usar como motivo inicial",
    "The trained model was not found; using untrained development weights.":
        "No se encontró el modelo entrenado; se usan pesos de desarrollo sin entrenar.",
    "&New": "&Nuevo",
    "&Open…": "&Abrir…",
    "&Save": "&Guardar",
    "Save &As…": "Guardar &como…",
    "&Import Primer from MIDI…": "&Importar motivo inicial desde MIDI…",
    "Ctrl+I": "Ctrl+I",
    "&Export Kept Takes…": "&Exportar tomas guardadas…",
    "Ctrl+E": "Ctrl+E",
    "Render Take to &WAV…": "Renderizar toma a &WAV…",
    "Ctrl+Shift+E": "Ctrl+Shift+E",
    "&Quit": "&Salir",
    "&Undo": "&Deshacer",
    "&Redo": "&Rehacer",
    "Ctrl+Shift+Z": "Ctrl+Shift+Z",
    "Ctrl+Y": "Ctrl+Y",
    "Select &All Notes": "Seleccionar &todas las notas",
    "&Delete Notes": "&Borrar notas",
    "&Monophonic Primer": "Motivo inicial &monofónico",
    "A new note cuts the one it overlaps: the model hears one note at a time":
        "Una nota nueva corta la que solapa: el modelo oye una nota cada vez",
    "&Clear Primer": "&Vaciar el motivo inicial",
    "&Generate": "&Generar",
    "Ctrl+G": "Ctrl+G",
    "Generate takes from the primer (Ctrl+G)": "Generar tomas a partir del motivo inicial (Ctrl+G)",
    "&Cancel Generation": "&Cancelar la generación",
    "&Regenerate Selected Take": "&Regenerar la toma seleccionada",
    "Ctrl+R": "Ctrl+R",
    "&Use Selected Take as Primer": "&Usar la toma seleccionada como motivo inicial",
    "Ctrl+U": "Ctrl+U",
    "Play &Primer": "Reproducir el &motivo inicial",
    "P": "P",
    "Primer": "Motivo",
    "Play the primer (P)": "Reproducir el motivo inicial (P)",
    "Play/Stop Selected &Take": "Reproducir/detener la &toma seleccionada",
    "Play &Layered Takes": "Reproducir las tomas &superpuestas",
    "L": "L",
    "&Stop": "&Detener",
    "Ctrl+.": "Ctrl+.",
    "Stop playback": "Detener la reproducción",
    "L&oop Playback": "Reproducción en &bucle",
    "Ctrl+L": "Ctrl+L",
    "Loop playback of primer and take": "Repetir en bucle el motivo inicial y la toma",
    "&Keep Selected Take": "&Guardar la toma seleccionada",
    "K": "K",
    "Take %1": "Toma %1",
    "&About Musa": "&Acerca de Musa",
    "&File": "&Archivo",
    "Open &Recent": "Abrir &reciente",
    "&Edit": "&Editar",
    "&Play": "&Reproducir",
    "Play Ta&ke": "Reproducir &toma",
    "&Help": "A&yuda",
    "About &Qt": "Acerca de &Qt",
    "Generate": "Generar",
    "Key, Seed and Instrument": "Tonalidad, semilla e instrumento",
    "PRIMER": "MOTIVO INICIAL",
    "TAKES": "TOMAS",
    "model: loading…": "modelo: cargando…",
    "Clear primer": "Vaciar el motivo inicial",
    "About Musa": "Acerca de Musa",
    "<h3>Musa %1</h3><p>A melody-composition assistant: sketch a primer, generate takes, listen, keep, export.</p><p>Melody model: Magenta's attention_rnn.</p>":
        "<h3>Musa %1</h3><p>Un asistente para componer melodías: esboza un motivo inicial, genera tomas, "
        "escucha, guarda, exporta.</p><p>Modelo melódico: attention_rnn de Magenta.</p>",
    "model: none": "modelo: ninguno",
    "The model could not be loaded: %1": "No se pudo cargar el modelo: %1",
    "%1 Takes can still be exported as MIDI.": "%1 Las tomas se pueden seguir exportando como MIDI.",
    "Rendered %1": "Renderizado %1",
    "Render to WAV": "Renderizar a WAV",
    "Untitled": "Sin título",
    "Musa projects (*.musa)": "Proyectos de Musa (*.musa)",
    "Open Project": "Abrir proyecto",
    "Cannot open project": "No se puede abrir el proyecto",
    "Save Project": "Guardar proyecto",
    "Untitled.musa": "Sin título.musa",
    "Cannot save project": "No se puede guardar el proyecto",
    "Saved %1": "Guardado %1",
    "Unsaved changes": "Cambios sin guardar",
    "The project has unsaved changes. Save them?": "El proyecto tiene cambios sin guardar. ¿Guardarlos?",
    "Restore unsaved work?": "¿Recuperar el trabajo sin guardar?",
    "Musa did not close properly last time. Restore the work it saved automatically?":
        "Musa no se cerró correctamente la última vez. ¿Recuperar el trabajo que guardó automáticamente?",
    "Restored the autosaved session": "Se recuperó la sesión guardada automáticamente",
    "Cannot import primer": "No se puede importar el motivo inicial",
    "%1: no melody was found in this file.": "%1: no se encontró ninguna melodía en este archivo.",
    "Import primer": "Importar motivo inicial",
    "Import Primer from MIDI": "Importar motivo inicial desde MIDI",
    "MIDI files (*.mid *.midi)": "Archivos MIDI (*.mid *.midi)",
    "No take is kept: click ★ on the takes to export.": "No hay tomas guardadas: pulsa ★ en las tomas que quieras exportar.",
    "No take is selected.": "No hay ninguna toma seleccionada.",
    "Exported %n file(s) to %1": ["Exportado %n archivo a %1", "Exportados %n archivos a %1"],
    "There is no take to export yet: generate some first (Ctrl+G).":
        "Aún no hay tomas que exportar: genera algunas primero (Ctrl+G).",
    "Render Take to WAV": "Renderizar toma a WAV",
    "WAV audio (*.wav)": "Audio WAV (*.wav)",
    "Take %1 copied as MIDI": "Toma %1 copiada como MIDI",
    "model: %1": "modelo: %1",
    "Loaded in %1 ms": "Cargado en %1 ms",
    "generating…": "generando…",
    "regenerating take %1…": "regenerando la toma %1…",
    "cancelled": "cancelado",
    "take %1 regenerated in %2 ms": "toma %1 regenerada en %2 ms",
    "%n takes in %1 ms": ["%n toma en %1 ms", "%n tomas en %1 ms"],
    "%1 (%n kept)": ["%1 (%n guardada)", "%1 (%n guardadas)"],
    "Sampling took %1 ms": "El muestreo tardó %1 ms",
    "generation failed": "la generación falló",
    "Generation failed: %1": "La generación falló: %1",
    "Use take %1 as primer": "Usar la toma %1 como motivo inicial",
    "1–0 play · Space play/stop · K keep · tick Layer to hear takes together · drag a take out as a .mid file":
        "1–0 reproducen · Espacio reproduce/detiene · K guarda · marca Capa para oír tomas juntas · "
        "arrastra una toma fuera como archivo .mid",
    "Press Generate (Ctrl+G) to fill the grid with continuations of the primer":
        "Pulsa Generar (Ctrl+G) para llenar la cuadrícula con continuaciones del motivo inicial",
    "Dismiss": "Cerrar",
    "(silence)": "(silencio)",
    "One note at a time: the overlapping note was shortened (the model is monophonic)":
        "Una nota cada vez: se acortó la nota solapada (el modelo es monofónico)",
    "Click to draw a primer, or generate from silence": "Haz clic para dibujar un motivo inicial, o genera desde el silencio",
    "Play this take": "Reproducir esta toma",
    "Play this take (%1)": "Reproducir esta toma (%1)",
    "Keep this take (K)": "Guardar esta toma (K)",
    "More for this take": "Más opciones de esta toma",
    "Layer: ticked takes play together, each on its own instrument":
        "Capa: las tomas marcadas suenan juntas, cada una con su instrumento",
    "Regenerate This Take": "Regenerar esta toma",
    "Export as MIDI…": "Exportar como MIDI…",
    "Render to WAV…": "Renderizar a WAV…",
    "Copy as MIDI": "Copiar como MIDI",
    "Same as the Window": "El de la ventana",
    "Piano": "Piano",
    "Chromatic Percussion": "Percusión cromática",
    "Organ": "Órgano",
    "Guitar": "Guitarra",
    "Bass": "Bajo",
    "Strings": "Cuerdas",
    "Ensemble": "Conjunto",
    "Brass": "Metales",
    "Reed": "Lengüeta",
    "Pipe": "Flautas",
    "Synth Lead": "Solista sintetizado",
    "Synth Pad": "Colchón sintetizado",
    "Synth Effects": "Efectos sintetizados",
    "Ethnic": "Étnicos",
    "Percussive": "Percusivos",
    "Sound Effects": "Efectos de sonido",
    "Layer": "Capa",
    "Draw note": "Dibujar nota",
    "Delete notes": "Borrar notas",
    "Move notes": "Mover notas",
    "Resize notes": "Cambiar la duración de las notas",
    "Transpose notes": "Transportar notas",
    "C%1": "Do%1",
    "random": "aleatoria",
    "Musa: a melody-composition assistant.": "Musa: un asistente para componer melodías.",
    "Model file (default: $MUSA_MODEL or the shipped model).": "Archivo del modelo (por omisión: $MUSA_MODEL o el modelo incluido).",
    "SoundFont (.sf2/.sf3).": "SoundFont (.sf2/.sf3).",
    "Do not load the soundfont.": "No cargar el soundfont.",
    "Generate takes as soon as the model is loaded.": "Generar tomas en cuanto se cargue el modelo.",
    "Lock the seed to this value.": "Fijar la semilla en este valor.",
    'Primer as melody events: "60 -2 62" (-2 hold, -1 rest).':
        'Motivo inicial como eventos de melodía: "60 -2 62" (-2 mantener, -1 silencio).',
    "Save a picture of the window to this file and quit.": "Guardar una imagen de la ventana en este archivo y salir.",
    "Print start-up timings (window, model, audio) and quit.": "Mostrar los tiempos de arranque (ventana, modelo, audio) y salir.",
    # Live MIDI (ui/midi, ui/primer/recordprimercommand)
    "MIDI": "MIDI",
    "&MIDI": "&MIDI",
    "&Input": "&Entrada",
    "&Output": "&Salida",
    "None": "Ninguno",
    "%1 (unplugged)": "%1 (desconectado)",
    "&Thru": "&Thru",
    "What you play sounds at once": "Lo que tocas suena al instante",
    "Thru &to": "Thru &hacia",
    "&Synth (FluidSynth)": "&Sintetizador (FluidSynth)",
    "&Output port": "&Puerto de salida",
    "&Play Primer and Takes to": "&Reproducir motivo y tomas en",
    "S&ynth (FluidSynth)": "S&intetizador (FluidSynth)",
    "O&utput port": "&Puerto de salida",
    "&Both": "&Ambos",
    "&Jam mode": "Modo &jam",
    "Play a phrase and pause: Musa answers with a phrase of the same length":
        "Toca una frase y haz una pausa: Musa responde con una frase de la misma duración",
    "&Metronome": "&Metrónomo",
    "Clicks while recording": "Clics mientras grabas",
    "&Count-in": "&Cuenta previa",
    "One bar of clicks before recording starts": "Un compás de clics antes de empezar a grabar",
    "● Rec": "● Grabar",
    "Record a primer from the MIDI keyboard, quantized to 16ths":
        "Grabar un motivo inicial desde el teclado MIDI, cuantizado a semicorcheas",
    "MIDI: no input": "MIDI: sin entrada",
    "MIDI in: %1 (unplugged)": "Entrada MIDI: %1 (desconectada)",
    "MIDI in: %1": "Entrada MIDI: %1",
    "%1. Drawing primers, generating, listening and export all still work; plug in a keyboard to play and record live.":
        "%1. Dibujar motivos, generar, escuchar y exportar siguen funcionando; conecta un teclado para tocar y grabar en vivo.",
    "Recording after one bar of count-in… press ● Rec to stop":
        "Grabando tras un compás de cuenta previa… pulsa ● Grabar para parar",
    "Recording… press ● Rec to stop": "Grabando… pulsa ● Grabar para parar",
    "Nothing was played: the primer is unchanged": "No se tocó nada: el motivo inicial no cambia",
    "Record primer": "Grabar motivo inicial",
    "Jam": "Jam",
    "Keep as take": "Guardar como toma",
    "Play a phrase, then pause": "Toca una frase y haz una pausa",
    "Your last phrase (grey) and Musa's answer": "Tu última frase (en gris) y la respuesta de Musa",
    "Add the phrase and its answer to the takes": "Añadir la frase y su respuesta a las tomas",
    "Listening…": "Escuchando…",
    "Thinking…": "Pensando…",
    "Answering…": "Respondiendo…",
    "take %1 is no longer on the grid": "la toma %1 ya no está en la cuadrícula",
    "Keep take %1": "Guardar la toma %1",
    "Unkeep take %1": "Dejar de guardar la toma %1",
    "Layer take %1": "Marcar Capa en la toma %1",
    "Unlayer take %1": "Desmarcar Capa en la toma %1",
    "Instrument of take %1": "Instrumento de la toma %1",
    "Regenerate take %1": "Regenerar la toma %1",
    "Keep jam answer": "Guardar la respuesta del jam",
    "Open &Model…": "Abrir &modelo…",
    "Generate with another model: Musa .safetensors, Magenta .mag or Magenta.js":
        "Generar con otro modelo: Musa .safetensors, Magenta .mag o Magenta.js",
    "Open Model": "Abrir modelo",
    "Melody models (*.safetensors *.mag weights_manifest.json);;All files (*)":
        "Modelos melódicos (*.safetensors *.mag weights_manifest.json);;Todos los archivos (*)",
    "The model could not be loaded: %1. Still using %2.":
        "No se pudo cargar el modelo: %1. Se sigue usando %2.",
    "The project's model %1 is not here; generating with the current one":
        "El modelo del proyecto %1 no está aquí; se genera con el actual",
    "A Musa project (.musa) to open.": "Un proyecto de Musa (.musa) que abrir.",
}

def main(path):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        value = ES.get(source)
        if value is None:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value, value]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
    ET.indent(tree, "    ")
    tree.write(path, encoding="utf-8", xml_declaration=True)
    for m in missing:
        print("untranslated:", repr(m))
    return 1 if missing else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("musa_es.ts"))))
