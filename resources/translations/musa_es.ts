<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es">
    <context>
        <name>Actions</name>
        <message>
            <source>&amp;New</source>
            <translation>&amp;Nuevo</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>&amp;Abrir…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Guardar</translation>
        </message>
        <message>
            <source>Save &amp;As…</source>
            <translation>Guardar &amp;como…</translation>
        </message>
        <message>
            <source>&amp;Import Primer from MIDI…</source>
            <translation>&amp;Importar motivo inicial desde MIDI…</translation>
        </message>
        <message>
            <source>Ctrl+I</source>
            <translation>Ctrl+I</translation>
        </message>
        <message>
            <source>&amp;Export Kept Takes…</source>
            <translation>&amp;Exportar tomas guardadas…</translation>
        </message>
        <message>
            <source>Ctrl+E</source>
            <translation>Ctrl+E</translation>
        </message>
        <message>
            <source>Render Take to &amp;WAV…</source>
            <translation>Renderizar toma a &amp;WAV…</translation>
        </message>
        <message>
            <source>Ctrl+Shift+E</source>
            <translation>Ctrl+Shift+E</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Deshacer</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Rehacer</translation>
        </message>
        <message>
            <source>Ctrl+Shift+Z</source>
            <translation>Ctrl+Shift+Z</translation>
        </message>
        <message>
            <source>Ctrl+Y</source>
            <translation>Ctrl+Y</translation>
        </message>
        <message>
            <source>Select &amp;All Notes</source>
            <translation>Seleccionar &amp;todas las notas</translation>
        </message>
        <message>
            <source>&amp;Delete Notes</source>
            <translation>&amp;Borrar notas</translation>
        </message>
        <message>
            <source>&amp;Monophonic Primer</source>
            <translation>Motivo inicial &amp;monofónico</translation>
        </message>
        <message>
            <source>A new note cuts the one it overlaps: the model hears one note at a time</source>
            <translation>Una nota nueva corta la que solapa: el modelo oye una nota cada vez</translation>
        </message>
        <message>
            <source>&amp;Clear Primer</source>
            <translation>&amp;Vaciar el motivo inicial</translation>
        </message>
        <message>
            <source>&amp;Generate</source>
            <translation>&amp;Generar</translation>
        </message>
        <message>
            <source>Ctrl+G</source>
            <translation>Ctrl+G</translation>
        </message>
        <message>
            <source>Generate takes from the primer (Ctrl+G)</source>
            <translation>Generar tomas a partir del motivo inicial (Ctrl+G)</translation>
        </message>
        <message>
            <source>&amp;Cancel Generation</source>
            <translation>&amp;Cancelar la generación</translation>
        </message>
        <message>
            <source>&amp;Regenerate Selected Take</source>
            <translation>&amp;Regenerar la toma seleccionada</translation>
        </message>
        <message>
            <source>Ctrl+R</source>
            <translation>Ctrl+R</translation>
        </message>
        <message>
            <source>&amp;Use Selected Take as Primer</source>
            <translation>&amp;Usar la toma seleccionada como motivo inicial</translation>
        </message>
        <message>
            <source>Ctrl+U</source>
            <translation>Ctrl+U</translation>
        </message>
        <message>
            <source>Play &amp;Primer</source>
            <translation>Reproducir el &amp;motivo inicial</translation>
        </message>
        <message>
            <source>P</source>
            <translation>P</translation>
        </message>
        <message>
            <source>Primer</source>
            <translation>Motivo</translation>
        </message>
        <message>
            <source>Play the primer (P)</source>
            <translation>Reproducir el motivo inicial (P)</translation>
        </message>
        <message>
            <source>Play/Stop Selected &amp;Take</source>
            <translation>Reproducir/detener la &amp;toma seleccionada</translation>
        </message>
        <message>
            <source>Play &amp;Layered Takes</source>
            <translation>Reproducir las tomas &amp;superpuestas</translation>
        </message>
        <message>
            <source>L</source>
            <translation>L</translation>
        </message>
        <message>
            <source>&amp;Stop</source>
            <translation>&amp;Detener</translation>
        </message>
        <message>
            <source>Ctrl+.</source>
            <translation>Ctrl+.</translation>
        </message>
        <message>
            <source>Stop playback</source>
            <translation>Detener la reproducción</translation>
        </message>
        <message>
            <source>L&amp;oop Playback</source>
            <translation>Reproducción en &amp;bucle</translation>
        </message>
        <message>
            <source>Ctrl+L</source>
            <translation>Ctrl+L</translation>
        </message>
        <message>
            <source>Loop playback of primer and take</source>
            <translation>Repetir en bucle el motivo inicial y la toma</translation>
        </message>
        <message>
            <source>&amp;Keep Selected Take</source>
            <translation>&amp;Guardar la toma seleccionada</translation>
        </message>
        <message>
            <source>K</source>
            <translation>K</translation>
        </message>
        <message>
            <source>Take %1</source>
            <translation>Toma %1</translation>
        </message>
        <message>
            <source>&amp;About Musa</source>
            <translation>&amp;Acerca de Musa</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Acerca de &amp;Qt</translation>
        </message>
        <message>
            <source>&amp;Keyboard Shortcuts</source>
            <translation>&amp;Atajos de teclado</translation>
        </message>
        <message>
            <source>Open &amp;Model…</source>
            <translation>Abrir &amp;modelo…</translation>
        </message>
        <message>
            <source>Generate with another model: Musa .safetensors, Magenta .mag or Magenta.js</source>
            <translation>Generar con otro modelo: Musa .safetensors, Magenta .mag o Magenta.js</translation>
        </message>
        <message>
            <source>Connect JACK Output to &amp;System Playback</source>
            <translation>Conectar la salida JACK a la reproducción del &amp;sistema</translation>
        </message>
        <message>
            <source>Under JACK, connect Musa's sound to the system's playback ports. Untick to connect it yourself (e.g. into a DAW).</source>
            <translation>Con JACK, conecta el sonido de Musa a los puertos de reproducción del sistema. Desmárcalo para conectarlo tú (p. ej. a un DAW).</translation>
        </message>
        <message>
            <source>&amp;Copy Notes</source>
            <translation>&amp;Copiar notas</translation>
        </message>
        <message>
            <source>&amp;Paste Notes</source>
            <translation>&amp;Pegar notas</translation>
        </message>
        <message>
            <source>Paste at the playhead while the primer plays, else after the selection</source>
            <translation>Pega en el cursor de reproducción mientras suena el motivo inicial; si no, tras la selección</translation>
        </message>
        <message>
            <source>&amp;Quantize to 8ths</source>
            <translation>&amp;Cuantizar a corcheas</translation>
        </message>
        <message>
            <source>Q</source>
            <translation>Q</translation>
        </message>
        <message>
            <source>Snap the selected notes (all when none is selected) to 8th notes</source>
            <translation>Ajusta las notas seleccionadas (todas si no hay ninguna seleccionada) a corcheas</translation>
        </message>
        <message>
            <source>Quantize to Qua&amp;rters</source>
            <translation>Cuantizar a &amp;negras</translation>
        </message>
        <message>
            <source>Shift+Q</source>
            <translation>Shift+Q</translation>
        </message>
        <message>
            <source>&amp;Metronome</source>
            <translation>&amp;Metrónomo</translation>
        </message>
        <message>
            <source>Ctrl+M</source>
            <translation>Ctrl+M</translation>
        </message>
        <message>
            <source>A click on every beat while the primer or takes play (Ctrl+M)</source>
            <translation>Un clic en cada tiempo mientras suenan el motivo inicial o las tomas (Ctrl+M)</translation>
        </message>
        <message>
            <source>Transpose Take &amp;Up</source>
            <translation>Transportar toma hacia &amp;arriba</translation>
        </message>
        <message>
            <source>Alt+Up</source>
            <translation>Alt+Up</translation>
        </message>
        <message>
            <source>Transpose Take &amp;Down</source>
            <translation>Transportar toma hacia a&amp;bajo</translation>
        </message>
        <message>
            <source>Alt+Down</source>
            <translation>Alt+Down</translation>
        </message>
        <message>
            <source>Show &amp;Score of Selected Take</source>
            <translation>Mostrar la &amp;partitura de la toma seleccionada</translation>
        </message>
        <message>
            <source>N</source>
            <translation>N</translation>
        </message>
        <message>
            <source>The selected take as notation: key, time signature, ties and rests (N)</source>
            <translation>La toma seleccionada en notación: armadura, compás, ligaduras y silencios (N)</translation>
        </message>
        <message>
            <source>Show Primer as S&amp;core</source>
            <translation>Mostrar el motivo inicial como parti&amp;tura</translation>
        </message>
        <message>
            <source>Shift+N</source>
            <translation>Shift+N</translation>
        </message>
        <message>
            <source>&amp;Train on My Music…</source>
            <translation>&amp;Entrenar con mi música…</translation>
        </message>
        <message>
            <source>Teach the model your own MIDI files, in the background</source>
            <translation>Enseña al modelo tus propios archivos MIDI, en segundo plano</translation>
        </message>
    </context>
    <context>
        <name>AudioEngine</name>
        <message>
            <source>No General MIDI soundfont was found.</source>
            <translation>No se encontró ningún soundfont General MIDI.</translation>
        </message>
        <message>
            <source>The soundfont is not loaded yet.</source>
            <translation>El soundfont aún no está cargado.</translation>
        </message>
        <message>
            <source>Sound: off</source>
            <translation>Sonido: apagado</translation>
        </message>
        <message>
            <source>Sound: loading…</source>
            <translation>Sonido: cargando…</translation>
        </message>
        <message>
            <source>Sound: %1</source>
            <translation>Sonido: %1</translation>
        </message>
        <message>
            <source>Sound: the %1 server stopped — waiting for it</source>
            <translation>Sonido: el servidor %1 se detuvo; esperando a que vuelva</translation>
        </message>
        <message>
            <source>No audio device — WAV export still works</source>
            <translation>Sin dispositivo de audio: la exportación a WAV sigue funcionando</translation>
        </message>
        <message>
            <source>No soundfont — no sound</source>
            <translation>Sin soundfont: no hay sonido</translation>
        </message>
        <message>
            <source>No audio output: takes can still be exported and rendered to WAV. Musa keeps looking, so a sound server started now is picked up.</source>
            <translation>Sin salida de audio: las tomas se pueden seguir exportando y renderizando a WAV. Musa sigue buscando, así que un servidor de sonido que se inicie ahora se usará.</translation>
        </message>
        <message>
            <source>The JACK server stopped: no sound until it is back (Musa keeps looking).</source>
            <translation>El servidor JACK se detuvo: no habrá sonido hasta que vuelva (Musa sigue buscando).</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export Takes</source>
            <translation>Exportar tomas</translation>
        </message>
        <message numerus="yes">
            <source>Kept takes (%n)</source>
            <translation>
                <numerusform>Toma guardada (%n)</numerusform>
                <numerusform>Tomas guardadas (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Selected take (%1)</source>
            <translation>Toma seleccionada (%1)</translation>
        </message>
        <message>
            <source>Selected take (none)</source>
            <translation>Toma seleccionada (ninguna)</translation>
        </message>
        <message>
            <source>One .mid file per take</source>
            <translation>Un archivo .mid por toma</translation>
        </message>
        <message>
            <source>One multi-track .mid file (a track per take)</source>
            <translation>Un archivo .mid multipista (una pista por toma)</translation>
        </message>
        <message>
            <source>Include the primer</source>
            <translation>Incluir el motivo inicial</translation>
        </message>
        <message>
            <source>Only bars</source>
            <translation>Solo los compases</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Elegir…</translation>
        </message>
        <message>
            <source>Export To</source>
            <translation>Exportar a</translation>
        </message>
        <message>
            <source>to</source>
            <translation>a</translation>
        </message>
        <message>
            <source>Takes:</source>
            <translation>Tomas:</translation>
        </message>
        <message>
            <source>Files:</source>
            <translation>Archivos:</translation>
        </message>
        <message>
            <source>Content:</source>
            <translation>Contenido:</translation>
        </message>
        <message>
            <source>Folder:</source>
            <translation>Carpeta:</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message numerus="yes">
            <source>All takes (%n)</source>
            <translation>
                <numerusform>Todas las tomas (%n)</numerusform>
                <numerusform>Todas las tomas (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>MIDI (.mid): for a DAW or a sequencer</source>
            <translation>MIDI (.mid): para un DAW o un secuenciador</translation>
        </message>
        <message>
            <source>MusicXML (.musicxml): a score for MuseScore, Sibelius, Finale…</source>
            <translation>MusicXML (.musicxml): una partitura para MuseScore, Sibelius, Finale…</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Formato:</translation>
        </message>
        <message>
            <source>One .musicxml score per take</source>
            <translation>Una partitura .musicxml por toma</translation>
        </message>
        <message>
            <source>One .musicxml score (a part per take)</source>
            <translation>Una partitura .musicxml (una parte por toma)</translation>
        </message>
    </context>
    <context>
        <name>GenerationController</name>
        <message>
            <source>model: %1</source>
            <translation>modelo: %1</translation>
        </message>
        <message>
            <source>Loaded in %1 ms</source>
            <translation>Cargado en %1 ms</translation>
        </message>
        <message>
            <source>model: none</source>
            <translation>modelo: ninguno</translation>
        </message>
        <message>
            <source>The model could not be loaded: %1</source>
            <translation>No se pudo cargar el modelo: %1</translation>
        </message>
        <message>
            <source>generating…</source>
            <translation>generando…</translation>
        </message>
        <message>
            <source>regenerating take %1…</source>
            <translation>regenerando la toma %1…</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>cancelado</translation>
        </message>
        <message numerus="yes">
            <source>%n takes in %1 ms</source>
            <translation>
                <numerusform>%n toma en %1 ms</numerusform>
                <numerusform>%n tomas en %1 ms</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 (%n kept)</source>
            <translation>
                <numerusform>%1 (%n guardada)</numerusform>
                <numerusform>%1 (%n guardadas)</numerusform>
            </translation>
        </message>
        <message>
            <source>Sampling took %1 ms</source>
            <translation>El muestreo tardó %1 ms</translation>
        </message>
        <message>
            <source>take %1 is no longer on the grid</source>
            <translation>la toma %1 ya no está en la cuadrícula</translation>
        </message>
        <message>
            <source>take %1 regenerated in %2 ms</source>
            <translation>toma %1 regenerada en %2 ms</translation>
        </message>
        <message>
            <source>generation failed</source>
            <translation>la generación falló</translation>
        </message>
        <message>
            <source>Generation failed: %1</source>
            <translation>La generación falló: %1</translation>
        </message>
        <message>
            <source>Use take %1 as primer</source>
            <translation>Usar la toma %1 como motivo inicial</translation>
        </message>
        <message>
            <source>The model could not be loaded: %1 Using the shipped model instead.</source>
            <translation>No se pudo cargar el modelo: %1 Se usa en su lugar el modelo incluido.</translation>
        </message>
        <message>
            <source>The model could not be loaded: %1. Still using %2.</source>
            <translation>No se pudo cargar el modelo: %1. Se sigue usando %2.</translation>
        </message>
    </context>
    <context>
        <name>GenerationControls</name>
        <message>
            <source>Temperature: lower stays closer to the primer, higher is wilder</source>
            <translation>Temperatura: más baja se parece más al motivo inicial, más alta es más libre</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperatura</translation>
        </message>
        <message>
            <source> qpm</source>
            <translation> ppm</translation>
        </message>
        <message>
            <source>Tempo in quarter notes per minute: playback, export, and the note density the model hears</source>
            <translation>Tempo en negras por minuto: reproducción, exportación y la densidad de notas que oye el modelo</translation>
        </message>
        <message>
            <source>Bars to generate after the primer</source>
            <translation>Compases que se generan tras el motivo inicial</translation>
        </message>
        <message>
            <source>How many takes to generate at once</source>
            <translation>Cuántas tomas se generan a la vez</translation>
        </message>
        <message>
            <source>Tempo</source>
            <translation>Tempo</translation>
        </message>
        <message>
            <source>Bars</source>
            <translation>Compases</translation>
        </message>
        <message>
            <source>Takes</source>
            <translation>Tomas</translation>
        </message>
        <message>
            <source>Stay in key</source>
            <translation>Mantener la tonalidad</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Tonalidad</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Semilla</translation>
        </message>
        <message>
            <source>General MIDI instrument for listening; each take can override it</source>
            <translation>Instrumento General MIDI para escuchar; cada toma puede tener el suyo</translation>
        </message>
        <message>
            <source>Instrument</source>
            <translation>Instrumento</translation>
        </message>
        <message>
            <source>Seed locked: the same settings give the same takes (click for a random seed)</source>
            <translation>Semilla fija: los mismos ajustes dan las mismas tomas (clic para una semilla aleatoria)</translation>
        </message>
        <message>
            <source>Random seed each time (click to lock the seed shown)</source>
            <translation>Semilla aleatoria cada vez (clic para fijar la semilla mostrada)</translation>
        </message>
        <message>
            <source>The seed every generation uses</source>
            <translation>La semilla que usa cada generación</translation>
        </message>
        <message>
            <source>The seed the last generation used</source>
            <translation>La semilla que usó la última generación</translation>
        </message>
        <message>
            <source>Auto (%1)</source>
            <translation>Auto (%1)</translation>
        </message>
        <message>
            <source>C</source>
            <translation>Do</translation>
        </message>
        <message>
            <source>D♭</source>
            <translation>Re♭</translation>
        </message>
        <message>
            <source>D</source>
            <translation>Re</translation>
        </message>
        <message>
            <source>E♭</source>
            <translation>Mi♭</translation>
        </message>
        <message>
            <source>E</source>
            <translation>Mi</translation>
        </message>
        <message>
            <source>F</source>
            <translation>Fa</translation>
        </message>
        <message>
            <source>F♯</source>
            <translation>Fa♯</translation>
        </message>
        <message>
            <source>G</source>
            <translation>Sol</translation>
        </message>
        <message>
            <source>A♭</source>
            <translation>La♭</translation>
        </message>
        <message>
            <source>A</source>
            <translation>La</translation>
        </message>
        <message>
            <source>B♭</source>
            <translation>Si♭</translation>
        </message>
        <message>
            <source>B</source>
            <translation>Si</translation>
        </message>
        <message>
            <source>C♯</source>
            <translation>Do♯</translation>
        </message>
        <message>
            <source>G♯</source>
            <translation>Sol♯</translation>
        </message>
        <message>
            <source>%1 minor</source>
            <translation>%1 menor</translation>
        </message>
        <message>
            <source>%1 major</source>
            <translation>%1 mayor</translation>
        </message>
        <message>
            <source>random</source>
            <translation>aleatoria</translation>
        </message>
        <message>
            <source>%1, bar %2 beat %3</source>
            <translation>%1, compás %2 tiempo %3</translation>
        </message>
        <message>
            <source>%1, bar %2 beat %3 + %4/16</source>
            <translation>%1, compás %2 tiempo %3 + %4/16</translation>
        </message>
        <message>
            <source>The key the takes are in. Auto: the primer's. Another key: the model's notes are moved into it, degree for degree. Stay in key also keeps every note on its scale.</source>
            <translation>La tonalidad de las tomas. Auto: la del motivo inicial. Otra: las notas del modelo se llevan a ella, grado por grado. «Mantener la tonalidad» además mantiene cada nota en su escala.</translation>
        </message>
        <message>
            <source>Only notes of the key's scale are sampled (Auto: the primer's key)</source>
            <translation>Solo se eligen notas de la escala de la tonalidad (Auto: la del motivo inicial)</translation>
        </message>
        <message>
            <source>The mode of the key: choose a tonic first (Auto takes the primer's)</source>
            <translation>El modo de la tonalidad: elija antes una tónica (Auto toma el del motivo inicial)</translation>
        </message>
        <message>
            <source>The mode of the key: its scale (Stay in key keeps the takes on it)</source>
            <translation>El modo de la tonalidad: su escala (Mantener la tonalidad las mantiene en ella)</translation>
        </message>
        <message>
            <source>D♯</source>
            <translation>Re♯</translation>
        </message>
        <message>
            <source>G♭</source>
            <translation>Sol♭</translation>
        </message>
        <message>
            <source>A♯</source>
            <translation>La♯</translation>
        </message>
        <message>
            <source>C♭</source>
            <translation>Do♭</translation>
        </message>
        <message>
            <source>major</source>
            <translation>mayor</translation>
        </message>
        <message>
            <source>natural minor</source>
            <translation>menor natural</translation>
        </message>
        <message>
            <source>harmonic minor</source>
            <translation>menor armónica</translation>
        </message>
        <message>
            <source>melodic minor</source>
            <translation>menor melódica</translation>
        </message>
        <message>
            <source>dorian</source>
            <translation>dórico</translation>
        </message>
        <message>
            <source>mixolydian</source>
            <translation>mixolidio</translation>
        </message>
        <message>
            <source>major pentatonic</source>
            <translation>pentatónica mayor</translation>
        </message>
        <message>
            <source>minor pentatonic</source>
            <translation>pentatónica menor</translation>
        </message>
        <message>
            <source>blues</source>
            <translation>blues</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>tonic and mode: D dorian</comment>
            <translation>%1 %2</translation>
        </message>
    </context>
    <context>
        <name>GenerationWorker</name>
        <message>
            <source>No model is loaded.</source>
            <translation>No hay ningún modelo cargado.</translation>
        </message>
    </context>
    <context>
        <name>ImportPrimerDialog</name>
        <message>
            <source>Import Primer</source>
            <translation>Importar motivo inicial</translation>
        </message>
        <message>
            <source>Melodies found in %1 — choose the one to use as the primer:</source>
            <translation>Melodías encontradas en %1; elige la que servirá de motivo inicial:</translation>
        </message>
        <message>
            <source>Track %1</source>
            <translation>Pista %1</translation>
        </message>
        <message>
            <source>%1 · %2 · %3 bars, %4 notes</source>
            <translation>%1 · %2 · %3 compases, %4 notas</translation>
        </message>
        <message>
            <source>  (proposed)</source>
            <translation>  (propuesta)</translation>
        </message>
        <message>
            <source>Use as Primer</source>
            <translation>Usar como motivo inicial</translation>
        </message>
    </context>
    <context>
        <name>JamStrip</name>
        <message>
            <source>Keep as take</source>
            <translation>Guardar como toma</translation>
        </message>
        <message>
            <source>Jam</source>
            <translation>Jam</translation>
        </message>
        <message>
            <source>Play a phrase, then pause</source>
            <translation>Toca una frase y haz una pausa</translation>
        </message>
        <message>
            <source>Your last phrase (grey) and Musa's answer</source>
            <translation>Tu última frase (en gris) y la respuesta de Musa</translation>
        </message>
        <message>
            <source>Add the phrase and its answer to the takes</source>
            <translation>Añadir la frase y su respuesta a las tomas</translation>
        </message>
        <message>
            <source>Listening…</source>
            <translation>Escuchando…</translation>
        </message>
        <message>
            <source>Thinking…</source>
            <translation>Pensando…</translation>
        </message>
        <message>
            <source>Answering…</source>
            <translation>Respondiendo…</translation>
        </message>
    </context>
    <context>
        <name>LossChart</name>
        <message>
            <source>The losses appear here as it learns</source>
            <translation>Las pérdidas aparecen aquí mientras aprende</translation>
        </message>
        <message>
            <source>training loss</source>
            <translation>pérdida de entrenamiento</translation>
        </message>
        <message>
            <source>held-out loss</source>
            <translation>pérdida en archivos reservados</translation>
        </message>
        <message>
            <source>update %1</source>
            <translation>actualización %1</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Generate</source>
            <translation>&amp;Generar</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>Abrir &amp;reciente</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Editar</translation>
        </message>
        <message>
            <source>&amp;Play</source>
            <translation>&amp;Reproducir</translation>
        </message>
        <message>
            <source>Play Ta&amp;ke</source>
            <translation>Reproducir &amp;toma</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>A&amp;yuda</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Generar</translation>
        </message>
        <message>
            <source>PRIMER</source>
            <translation>MOTIVO INICIAL</translation>
        </message>
        <message>
            <source>TAKES</source>
            <translation>TOMAS</translation>
        </message>
        <message>
            <source>model: loading…</source>
            <translation>modelo: cargando…</translation>
        </message>
        <message>
            <source>Clear primer</source>
            <translation>Vaciar el motivo inicial</translation>
        </message>
        <message>
            <source>About Musa</source>
            <translation>Acerca de Musa</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Musa %1&lt;/h3&gt;&lt;p&gt;A melody-composition assistant: sketch a primer, generate takes, listen, keep, export.&lt;/p&gt;&lt;p&gt;Melody model: Magenta's attention_rnn.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Musa %1&lt;/h3&gt;&lt;p&gt;Un asistente para componer melodías: esboza un motivo inicial, genera tomas, escucha, guarda, exporta.&lt;/p&gt;&lt;p&gt;Modelo melódico: attention_rnn de Magenta.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>%1 Takes can still be exported as MIDI.</source>
            <translation>%1 Las tomas se pueden seguir exportando como MIDI.</translation>
        </message>
        <message>
            <source>1–0 play · Space play/stop · K keep · tick Layer to hear takes together · drag a take out as a .mid file</source>
            <translation>1–0 reproducen · Espacio reproduce/detiene · K guarda · marca Capa para oír tomas juntas · arrastra una toma fuera como archivo .mid</translation>
        </message>
        <message>
            <source>Press Generate (Ctrl+G) to fill the grid with continuations of the primer</source>
            <translation>Pulsa Generar (Ctrl+G) para llenar la cuadrícula con continuaciones del motivo inicial</translation>
        </message>
        <message>
            <source>Recording after one bar of count-in… press ● Rec to stop</source>
            <translation>Grabando tras un compás de cuenta previa… pulsa ● Grabar para parar</translation>
        </message>
        <message>
            <source>Recording… press ● Rec to stop</source>
            <translation>Grabando… pulsa ● Grabar para parar</translation>
        </message>
        <message>
            <source>Nothing was played: the primer is unchanged</source>
            <translation>No se tocó nada: el motivo inicial no cambia</translation>
        </message>
        <message>
            <source>Tempo, Bars and Takes</source>
            <translation>Tempo, compases y tomas</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Tonalidad</translation>
        </message>
        <message>
            <source>Seed and Instrument</source>
            <translation>Semilla e instrumento</translation>
        </message>
        <message>
            <source>Loading sound… playback starts as soon as the soundfont is ready</source>
            <translation>Cargando el sonido… la reproducción empieza en cuanto el soundfont esté listo</translation>
        </message>
        <message>
            <source>Volume %1 % (live and in WAV export)</source>
            <translation>Volumen %1 % (en directo y en la exportación WAV)</translation>
        </message>
        <message>
            <source>Take %1 — %2</source>
            <translation>Toma %1 — %2</translation>
        </message>
        <message>
            <source>Primer — %1</source>
            <translation>Motivo inicial — %1</translation>
        </message>
        <message>
            <source>%1. Your model “%2” is in the Model menu.</source>
            <translation>%1. Tu modelo «%2» está en el menú Modelo.</translation>
        </message>
        <message>
            <source>Continue training?</source>
            <translation>¿Continuar el entrenamiento?</translation>
        </message>
        <message>
            <source>Musa was closed while it was training “%1”. Continue where it stopped?</source>
            <translation>Musa se cerró mientras entrenaba «%1». ¿Continuar donde se detuvo?</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <source>Dismiss</source>
            <translation>Cerrar</translation>
        </message>
    </context>
    <context>
        <name>MidiController</name>
        <message>
            <source>MIDI: no input</source>
            <translation>MIDI: sin entrada</translation>
        </message>
        <message>
            <source>MIDI in: %1 (unplugged)</source>
            <translation>Entrada MIDI: %1 (desconectada)</translation>
        </message>
        <message>
            <source>MIDI in: %1</source>
            <translation>Entrada MIDI: %1</translation>
        </message>
        <message>
            <source>%1. Drawing primers, generating, listening and export all still work; plug in a keyboard to play and record live.</source>
            <translation>%1. Dibujar motivos, generar, escuchar y exportar siguen funcionando; conecta un teclado para tocar y grabar en vivo.</translation>
        </message>
        <message>
            <source>no MIDI: no ALSA sequencer (/dev/snd/seq) and no JACK server</source>
            <translation>sin MIDI: no hay secuenciador ALSA (/dev/snd/seq) ni servidor JACK</translation>
        </message>
        <message>
            <source>no MIDI: no ALSA sequencer (/dev/snd/seq)</source>
            <translation>sin MIDI: no hay secuenciador ALSA (/dev/snd/seq)</translation>
        </message>
        <message>
            <source>no MIDI: no JACK server</source>
            <translation>sin MIDI: no hay servidor JACK</translation>
        </message>
        <message>
            <source>no MIDI: no MIDI system could be opened</source>
            <translation>sin MIDI: no se pudo abrir ningún sistema MIDI</translation>
        </message>
    </context>
    <context>
        <name>MidiIndicator</name>
        <message>
            <source>MIDI</source>
            <translation>MIDI</translation>
        </message>
    </context>
    <context>
        <name>MidiMenu</name>
        <message>
            <source>&amp;MIDI</source>
            <translation>&amp;MIDI</translation>
        </message>
        <message>
            <source>&amp;Input</source>
            <translation>&amp;Entrada</translation>
        </message>
        <message>
            <source>&amp;Output</source>
            <translation>&amp;Salida</translation>
        </message>
        <message>
            <source>&amp;Thru</source>
            <translation>&amp;Thru</translation>
        </message>
        <message>
            <source>What you play sounds at once</source>
            <translation>Lo que tocas suena al instante</translation>
        </message>
        <message>
            <source>Thru &amp;to</source>
            <translation>Thru &amp;hacia</translation>
        </message>
        <message>
            <source>&amp;Synth (FluidSynth)</source>
            <translation>&amp;Sintetizador (FluidSynth)</translation>
        </message>
        <message>
            <source>&amp;Output port</source>
            <translation>&amp;Puerto de salida</translation>
        </message>
        <message>
            <source>&amp;Play Primer and Takes to</source>
            <translation>&amp;Reproducir motivo y tomas en</translation>
        </message>
        <message>
            <source>S&amp;ynth (FluidSynth)</source>
            <translation>S&amp;intetizador (FluidSynth)</translation>
        </message>
        <message>
            <source>O&amp;utput port</source>
            <translation>&amp;Puerto de salida</translation>
        </message>
        <message>
            <source>&amp;Both</source>
            <translation>&amp;Ambos</translation>
        </message>
        <message>
            <source>&amp;Jam mode</source>
            <translation>Modo &amp;jam</translation>
        </message>
        <message>
            <source>Play a phrase and pause: Musa answers with a phrase of the same length</source>
            <translation>Toca una frase y haz una pausa: Musa responde con una frase de la misma duración</translation>
        </message>
        <message>
            <source>&amp;Metronome</source>
            <translation>&amp;Metrónomo</translation>
        </message>
        <message>
            <source>Clicks while recording</source>
            <translation>Clics mientras grabas</translation>
        </message>
        <message>
            <source>&amp;Count-in</source>
            <translation>&amp;Cuenta previa</translation>
        </message>
        <message>
            <source>One bar of clicks before recording starts</source>
            <translation>Un compás de clics antes de empezar a grabar</translation>
        </message>
        <message>
            <source>● Rec</source>
            <translation>● Grabar</translation>
        </message>
        <message>
            <source>Record a primer from the MIDI keyboard, quantized to 16ths</source>
            <translation>Grabar un motivo inicial desde el teclado MIDI, cuantizado a semicorcheas</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Ninguno</translation>
        </message>
        <message>
            <source>%1 (unplugged)</source>
            <translation>%1 (desconectado)</translation>
        </message>
    </context>
    <context>
        <name>MiniRoll</name>
        <message>
            <source>(silence)</source>
            <translation>(silencio)</translation>
        </message>
    </context>
    <context>
        <name>ModelChooser</name>
        <message>
            <source>Open Model</source>
            <translation>Abrir modelo</translation>
        </message>
        <message>
            <source>Melody models (*.safetensors *.mag weights_manifest.json);;All files (*)</source>
            <translation>Modelos melódicos (*.safetensors *.mag weights_manifest.json);;Todos los archivos (*)</translation>
        </message>
    </context>
    <context>
        <name>ModelMenu</name>
        <message>
            <source>&amp;Model</source>
            <translation>&amp;Modelo</translation>
        </message>
        <message>
            <source>%1 (shipped)</source>
            <translation>%1 (incluido)</translation>
        </message>
        <message>
            <source>Model &amp;Card…</source>
            <translation>&amp;Ficha del modelo…</translation>
        </message>
        <message>
            <source>Show My Models &amp;Folder</source>
            <translation>Mostrar la &amp;carpeta de mis modelos</translation>
        </message>
        <message>
            <source>Model Card</source>
            <translation>Ficha del modelo</translation>
        </message>
    </context>
    <context>
        <name>PrimerCommands</name>
        <message>
            <source>Draw note</source>
            <translation>Dibujar nota</translation>
        </message>
        <message>
            <source>Delete notes</source>
            <translation>Borrar notas</translation>
        </message>
        <message>
            <source>Move notes</source>
            <translation>Mover notas</translation>
        </message>
        <message>
            <source>Resize notes</source>
            <translation>Cambiar la duración de las notas</translation>
        </message>
        <message>
            <source>Transpose notes</source>
            <translation>Transportar notas</translation>
        </message>
        <message>
            <source>Record primer</source>
            <translation>Grabar motivo inicial</translation>
        </message>
        <message>
            <source>Change velocity</source>
            <translation>Cambiar la velocidad</translation>
        </message>
        <message>
            <source>Paste notes</source>
            <translation>Pegar notas</translation>
        </message>
        <message>
            <source>Quantize notes</source>
            <translation>Cuantizar notas</translation>
        </message>
    </context>
    <context>
        <name>PrimerGestures</name>
        <message numerus="yes">
            <source>the overlapping note was shortened</source>
            <translation>
                <numerusform>la nota solapada se acortó</numerusform>
                <numerusform>las notas solapadas se acortaron</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>the note under the new one was removed</source>
            <translation>
                <numerusform>la nota bajo la nueva se quitó</numerusform>
                <numerusform>las notas bajo la nueva se quitaron</numerusform>
            </translation>
        </message>
        <message>
            <source>the overlapping note was shortened and the one under the new note removed</source>
            <translation>la nota solapada se acortó y la que estaba bajo la nueva se quitó</translation>
        </message>
        <message>
            <source>One note at a time: %1 (the model is monophonic)</source>
            <translation>Una nota a la vez: %1 (el modelo es monofónico)</translation>
        </message>
        <message>
            <source>Velocity %1</source>
            <translation>Velocidad %1</translation>
        </message>
    </context>
    <context>
        <name>PrimerImporter</name>
        <message>
            <source>Cannot import primer</source>
            <translation>No se puede importar el motivo inicial</translation>
        </message>
        <message>
            <source>%1: no melody was found in this file.</source>
            <translation>%1: no se encontró ninguna melodía en este archivo.</translation>
        </message>
        <message>
            <source>Import primer</source>
            <translation>Importar motivo inicial</translation>
        </message>
        <message>
            <source>Import Primer from MIDI</source>
            <translation>Importar motivo inicial desde MIDI</translation>
        </message>
        <message>
            <source>MIDI files (*.mid *.midi)</source>
            <translation>Archivos MIDI (*.mid *.midi)</translation>
        </message>
        <message>
            <source>Melody too long for a primer</source>
            <translation>Melodía demasiado larga para un motivo inicial</translation>
        </message>
        <message>
            <source>%1: the melody is %2 bars long (%3 notes); a primer can be at most %4 bars. Use its first %5 bars as the primer?</source>
            <translation>%1: la melodía tiene %2 compases (%3 notas); un motivo inicial puede tener como mucho %4 compases. ¿Usar sus primeros %5 compases como motivo inicial?</translation>
        </message>
        <message>
            <source>Use First %1 Bars</source>
            <translation>Usar los primeros %1 compases</translation>
        </message>
    </context>
    <context>
        <name>PrimerPainter</name>
        <message>
            <source>Click to draw a primer, or generate from silence</source>
            <translation>Haz clic para dibujar un motivo inicial, o genera desde el silencio</translation>
        </message>
        <message>
            <source>C%1</source>
            <translation>Do%1</translation>
        </message>
        <message>
            <source>Recording: play on the MIDI keyboard</source>
            <translation>Grabando: toca en el teclado MIDI</translation>
        </message>
    </context>
    <context>
        <name>ProjectController</name>
        <message>
            <source>Musa projects (*.musa)</source>
            <translation>Proyectos de Musa (*.musa)</translation>
        </message>
        <message>
            <source>Open Project</source>
            <translation>Abrir proyecto</translation>
        </message>
        <message>
            <source>Cannot open project</source>
            <translation>No se puede abrir el proyecto</translation>
        </message>
        <message>
            <source>Save Project</source>
            <translation>Guardar proyecto</translation>
        </message>
        <message>
            <source>Untitled.musa</source>
            <translation>Sin título.musa</translation>
        </message>
        <message>
            <source>Cannot save project</source>
            <translation>No se puede guardar el proyecto</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Cambios sin guardar</translation>
        </message>
        <message>
            <source>The project has unsaved changes. Save them?</source>
            <translation>El proyecto tiene cambios sin guardar. ¿Guardarlos?</translation>
        </message>
        <message>
            <source>Untitled</source>
            <translation>Sin título</translation>
        </message>
        <message>
            <source>Restore unsaved work?</source>
            <translation>¿Recuperar el trabajo sin guardar?</translation>
        </message>
        <message>
            <source>Musa did not close properly last time. Restore the work it saved automatically?</source>
            <translation>Musa no se cerró correctamente la última vez. ¿Recuperar el trabajo que guardó automáticamente?</translation>
        </message>
        <message>
            <source>Restored the autosaved session</source>
            <translation>Se recuperó la sesión guardada automáticamente</translation>
        </message>
        <message>
            <source>The autosaved session could not be restored: %1</source>
            <translation>No se pudo restaurar la sesión guardada automáticamente: %1</translation>
        </message>
        <message>
            <source>This project was made with the model %1, which is not here; generating with the shipped model</source>
            <translation>Este proyecto se hizo con el modelo %1, que no está aquí; se genera con el modelo incluido</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Other</source>
            <translation>Otros</translation>
        </message>
        <message>
            <source>Piano roll</source>
            <translation>Rollo de piano</translation>
        </message>
        <message>
            <source>Move the selected notes a semitone up / down</source>
            <translation>Subir / bajar un semitono las notas seleccionadas</translation>
        </message>
        <message>
            <source>↑ / ↓</source>
            <translation>↑ / ↓</translation>
        </message>
        <message>
            <source>Move the selected notes an octave up / down</source>
            <translation>Subir / bajar una octava las notas seleccionadas</translation>
        </message>
        <message>
            <source>Shift+↑ / Shift+↓</source>
            <translation>Mayús+↑ / Mayús+↓</translation>
        </message>
        <message>
            <source>Delete the selected notes</source>
            <translation>Borrar las notas seleccionadas</translation>
        </message>
        <message>
            <source>Delete, Backspace</source>
            <translation>Supr, Retroceso</translation>
        </message>
        <message>
            <source>Zoom in time</source>
            <translation>Ampliar en el tiempo</translation>
        </message>
        <message>
            <source>Ctrl+wheel</source>
            <translation>Ctrl+rueda</translation>
        </message>
        <message>
            <source>Draw or move off the 16th grid</source>
            <translation>Dibujar o mover fuera de la rejilla de semicorcheas</translation>
        </message>
        <message>
            <source>Alt+drag</source>
            <translation>Alt+arrastrar</translation>
        </message>
        <message>
            <source>Fields</source>
            <translation>Campos</translation>
        </message>
        <message>
            <source>Finish typing and give the keys back to the takes</source>
            <translation>Terminar de escribir y devolver las teclas a las tomas</translation>
        </message>
        <message>
            <source>Enter (Esc: undo the typing)</source>
            <translation>Intro (Esc: deshacer lo escrito)</translation>
        </message>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation>Atajos de teclado</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Orden</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Teclas</translation>
        </message>
        <message>
            <source>Louder / softer: the velocity of the selected notes</source>
            <translation>Más fuerte / más suave: la velocidad de las notas seleccionadas</translation>
        </message>
        <message>
            <source>Ctrl+drag a note up / down</source>
            <translation>Ctrl+arrastrar una nota arriba / abajo</translation>
        </message>
    </context>
    <context>
        <name>TakeCard</name>
        <message>
            <source>Play this take</source>
            <translation>Reproducir esta toma</translation>
        </message>
        <message>
            <source>Play this take (%1)</source>
            <translation>Reproducir esta toma (%1)</translation>
        </message>
        <message>
            <source>Keep this take (K)</source>
            <translation>Guardar esta toma (K)</translation>
        </message>
        <message>
            <source>More for this take</source>
            <translation>Más opciones de esta toma</translation>
        </message>
        <message>
            <source>Layer: ticked takes play together, each on its own instrument</source>
            <translation>Capa: las tomas marcadas suenan juntas, cada una con su instrumento</translation>
        </message>
        <message>
            <source>Use as Primer</source>
            <translation>Usar como motivo inicial</translation>
        </message>
        <message>
            <source>Regenerate This Take</source>
            <translation>Regenerar esta toma</translation>
        </message>
        <message>
            <source>Render to WAV…</source>
            <translation>Renderizar a WAV…</translation>
        </message>
        <message>
            <source>Copy as MIDI</source>
            <translation>Copiar como MIDI</translation>
        </message>
        <message>
            <source>Instrument</source>
            <translation>Instrumento</translation>
        </message>
        <message>
            <source>Same as the Window</source>
            <translation>El de la ventana</translation>
        </message>
        <message>
            <source>Piano</source>
            <translation>Piano</translation>
        </message>
        <message>
            <source>Chromatic Percussion</source>
            <translation>Percusión cromática</translation>
        </message>
        <message>
            <source>Organ</source>
            <translation>Órgano</translation>
        </message>
        <message>
            <source>Guitar</source>
            <translation>Guitarra</translation>
        </message>
        <message>
            <source>Bass</source>
            <translation>Bajo</translation>
        </message>
        <message>
            <source>Strings</source>
            <translation>Cuerdas</translation>
        </message>
        <message>
            <source>Ensemble</source>
            <translation>Conjunto</translation>
        </message>
        <message>
            <source>Brass</source>
            <translation>Metales</translation>
        </message>
        <message>
            <source>Reed</source>
            <translation>Lengüeta</translation>
        </message>
        <message>
            <source>Pipe</source>
            <translation>Flautas</translation>
        </message>
        <message>
            <source>Synth Lead</source>
            <translation>Solista sintetizado</translation>
        </message>
        <message>
            <source>Synth Pad</source>
            <translation>Colchón sintetizado</translation>
        </message>
        <message>
            <source>Synth Effects</source>
            <translation>Efectos sintetizados</translation>
        </message>
        <message>
            <source>Ethnic</source>
            <translation>Étnicos</translation>
        </message>
        <message>
            <source>Percussive</source>
            <translation>Percusivos</translation>
        </message>
        <message>
            <source>Sound Effects</source>
            <translation>Efectos de sonido</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>Capa</translation>
        </message>
        <message>
            <source>Show Score</source>
            <translation>Mostrar partitura</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exportar…</translation>
        </message>
        <message>
            <source>Transpose</source>
            <translation>Transportar</translation>
        </message>
        <message>
            <source>Up a Semitone</source>
            <translation>Subir un semitono</translation>
        </message>
        <message>
            <source>Down a Semitone</source>
            <translation>Bajar un semitono</translation>
        </message>
        <message>
            <source>Up an Octave</source>
            <translation>Subir una octava</translation>
        </message>
        <message>
            <source>Down an Octave</source>
            <translation>Bajar una octava</translation>
        </message>
        <message>
            <source>originality unknown</source>
            <translation>originalidad desconocida</translation>
        </message>
        <message>
            <source>copies %1 bars of %2</source>
            <translation>copia %1 compases de %2</translation>
        </message>
        <message>
            <source>new</source>
            <translation>nueva</translation>
        </message>
        <message>
            <source>range %1 semitones</source>
            <translation>ámbito de %1 semitonos</translation>
        </message>
        <message>
            <source>%1% in key</source>
            <translation>%1 % en la tonalidad</translation>
        </message>
        <message>
            <source>key fit %1</source>
            <translation>ajuste a la tonalidad %1</translation>
        </message>
        <message>
            <source>%1 notes/bar</source>
            <translation>%1 notas/compás</translation>
        </message>
        <message>
            <source>%1% repeated</source>
            <translation>%1 % repetido</translation>
        </message>
        <message>
            <source>intervals %1% like the primer</source>
            <translation>intervalos %1 % como el motivo inicial</translation>
        </message>
        <message>
            <source>notes %1% like the primer</source>
            <translation>notas %1 % como el motivo inicial</translation>
        </message>
        <message>
            <source>likelihood %1</source>
            <translation>verosimilitud %1</translation>
        </message>
        <message>
            <source>longest shared run %1 bars</source>
            <translation>tramo común más largo: %1 compases</translation>
        </message>
        <message>
            <source>Why this take:</source>
            <translation>Por qué esta toma:</translation>
        </message>
        <message>
            <source>Range: %1 semitones (%2 to %3)</source>
            <translation>Ámbito: %1 semitonos (de %2 a %3)</translation>
        </message>
        <message>
            <source>%1% of the notes in %2 (fit to the key: %3)</source>
            <translation>%1 % de las notas en %2 (ajuste a la tonalidad: %3)</translation>
        </message>
        <message>
            <source>%1 notes per bar</source>
            <translation>%1 notas por compás</translation>
        </message>
        <message>
            <source>%1% of its 4-note figures repeat an earlier one</source>
            <translation>%1 % de sus figuras de 4 notas repiten una anterior</translation>
        </message>
        <message>
            <source>Like the primer: intervals %1%, pitch classes %2%</source>
            <translation>Parecido al motivo inicial: intervalos %1 %, clases de altura %2 %</translation>
        </message>
        <message>
            <source>Likelihood: %1 nats per step (nearer 0: what the model expected most)</source>
            <translation>Verosimilitud: %1 nats por paso (más cerca de 0: lo que el modelo más esperaba)</translation>
        </message>
        <message>
            <source>Originality unknown: this model has no index of its training songs</source>
            <translation>Originalidad desconocida: este modelo no tiene índice de sus canciones de entrenamiento</translation>
        </message>
        <message>
            <source>Shares no run of %1 notes on %2 pitches or more with a training song</source>
            <translation>No comparte ningún tramo de %1 notas sobre %2 alturas o más con una canción de entrenamiento</translation>
        </message>
        <message>
            <source>Longest run shared with a training song: %1 bars of %2</source>
            <translation>Tramo más largo en común con una canción de entrenamiento: %1 compases de %2</translation>
        </message>
    </context>
    <context>
        <name>TakeCommands</name>
        <message>
            <source>Keep take %1</source>
            <translation>Guardar la toma %1</translation>
        </message>
        <message>
            <source>Unkeep take %1</source>
            <translation>Dejar de guardar la toma %1</translation>
        </message>
        <message>
            <source>Layer take %1</source>
            <translation>Marcar Capa en la toma %1</translation>
        </message>
        <message>
            <source>Unlayer take %1</source>
            <translation>Desmarcar Capa en la toma %1</translation>
        </message>
        <message>
            <source>Instrument of take %1</source>
            <translation>Instrumento de la toma %1</translation>
        </message>
        <message>
            <source>Regenerate take %1</source>
            <translation>Regenerar la toma %1</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Generar</translation>
        </message>
        <message>
            <source>Keep jam answer</source>
            <translation>Guardar la respuesta del jam</translation>
        </message>
        <message>
            <source>Transpose take %1</source>
            <translation>Transportar la toma %1</translation>
        </message>
    </context>
    <context>
        <name>TakeExporter</name>
        <message>
            <source>Rendered %1</source>
            <translation>Renderizado %1</translation>
        </message>
        <message>
            <source>Render to WAV</source>
            <translation>Renderizar a WAV</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exportar</translation>
        </message>
        <message>
            <source>No take is kept: click ★ on the takes to export.</source>
            <translation>No hay tomas guardadas: pulsa ★ en las tomas que quieras exportar.</translation>
        </message>
        <message>
            <source>No take is selected.</source>
            <translation>No hay ninguna toma seleccionada.</translation>
        </message>
        <message numerus="yes">
            <source>Exported %n file(s) to %1</source>
            <translation>
                <numerusform>Exportado %n archivo a %1</numerusform>
                <numerusform>Exportados %n archivos a %1</numerusform>
            </translation>
        </message>
        <message>
            <source>There is no take to export yet: generate some first (Ctrl+G).</source>
            <translation>Aún no hay tomas que exportar: genera algunas primero (Ctrl+G).</translation>
        </message>
        <message>
            <source>Render Take to WAV</source>
            <translation>Renderizar toma a WAV</translation>
        </message>
        <message>
            <source>WAV audio (*.wav)</source>
            <translation>Audio WAV (*.wav)</translation>
        </message>
        <message>
            <source>Take %1 copied as MIDI</source>
            <translation>Toma %1 copiada como MIDI</translation>
        </message>
    </context>
    <context>
        <name>TakeOrderBar</name>
        <message>
            <source>Take number</source>
            <translation>Número de toma</translation>
        </message>
        <message>
            <source>Bars copied from training</source>
            <translation>Compases copiados del entrenamiento</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>Verosimilitud</translation>
        </message>
        <message>
            <source>Notes in key</source>
            <translation>Notas en la tonalidad</translation>
        </message>
        <message>
            <source>Fit to the key</source>
            <translation>Ajuste a la tonalidad</translation>
        </message>
        <message>
            <source>Range</source>
            <translation>Ámbito</translation>
        </message>
        <message>
            <source>Notes per bar</source>
            <translation>Notas por compás</translation>
        </message>
        <message>
            <source>Repeated figures</source>
            <translation>Figuras repetidas</translation>
        </message>
        <message>
            <source>Like the primer: intervals</source>
            <translation>Como el motivo inicial: intervalos</translation>
        </message>
        <message>
            <source>Like the primer: pitch classes</source>
            <translation>Como el motivo inicial: clases de altura</translation>
        </message>
        <message>
            <source>The order the cards are shown in; take numbers and their keys stay</source>
            <translation>El orden de las tarjetas; los números de las tomas y sus teclas no cambian</translation>
        </message>
        <message>
            <source>Hide takes that copy training songs</source>
            <translation>Ocultar las tomas que copian canciones de entrenamiento</translation>
        </message>
        <message>
            <source>Hides every take that shares 2 bars or more with a song the model learned from</source>
            <translation>Oculta cada toma que comparte 2 compases o más con una canción de la que aprendió el modelo</translation>
        </message>
        <message>
            <source>Sort by</source>
            <translation>Ordenar por</translation>
        </message>
        <message numerus="yes">
            <source>Hide takes that copy training songs (%n hidden)</source>
            <translation>
                <numerusform>Ocultar las tomas que copian canciones de entrenamiento (%n oculta)</numerusform>
                <numerusform>Ocultar las tomas que copian canciones de entrenamiento (%n ocultas)</numerusform>
            </translation>
        </message>
        <message>
            <source>Largest first (click for smallest first)</source>
            <translation>De mayor a menor (clic: de menor a mayor)</translation>
        </message>
        <message>
            <source>Smallest first (click for largest first)</source>
            <translation>De menor a mayor (clic: de mayor a menor)</translation>
        </message>
    </context>
    <context>
        <name>TrainDialog</name>
        <message>
            <source>Train on My Music</source>
            <translation>Entrenar con mi música</translation>
        </message>
        <message>
            <source>Add Folder…</source>
            <translation>Añadir carpeta…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>A Folder of MIDI Files</source>
            <translation>Una carpeta de archivos MIDI</translation>
        </message>
        <message>
            <source>Start from scratch (needs hours and many files)</source>
            <translation>Empezar desde cero (requiere horas y muchos archivos)</translation>
        </message>
        <message>
            <source>5 minutes</source>
            <translation>5 minutos</translation>
        </message>
        <message>
            <source>15 minutes</source>
            <translation>15 minutos</translation>
        </message>
        <message>
            <source>30 minutes</source>
            <translation>30 minutos</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 hora</translation>
        </message>
        <message>
            <source>2 hours</source>
            <translation>2 horas</translation>
        </message>
        <message>
            <source>Overnight (8 hours)</source>
            <translation>Toda la noche (8 horas)</translation>
        </message>
        <message>
            <source>My music %1</source>
            <translation>Mi música %1</translation>
        </message>
        <message>
            <source>Add the folders with your MIDI files, then Check Files.</source>
            <translation>Añade las carpetas con tus archivos MIDI y pulsa Revisar archivos.</translation>
        </message>
        <message>
            <source>Check Files</source>
            <translation>Revisar archivos</translation>
        </message>
        <message>
            <source>Start Training</source>
            <translation>Empezar a entrenar</translation>
        </message>
        <message>
            <source>Folders:</source>
            <translation>Carpetas:</translation>
        </message>
        <message>
            <source>Start from:</source>
            <translation>Partir de:</translation>
        </message>
        <message>
            <source>Train for:</source>
            <translation>Entrenar durante:</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Nombre:</translation>
        </message>
        <message>
            <source>Listen Now</source>
            <translation>Escuchar ahora</translation>
        </message>
        <message>
            <source>Ten takes from the best weights so far</source>
            <translation>Diez tomas con los mejores pesos hasta ahora</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pausa</translation>
        </message>
        <message>
            <source>Stop and Keep Best</source>
            <translation>Detener y quedarse con el mejor</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Reanudar</translation>
        </message>
        <message>
            <source>Fine-tune the current model (%1)</source>
            <translation>Ajustar el modelo actual (%1)</translation>
        </message>
        <message>
            <source>My music</source>
            <translation>Mi música</translation>
        </message>
        <message>
            <source>Add at least one folder of MIDI files.</source>
            <translation>Añade al menos una carpeta de archivos MIDI.</translation>
        </message>
        <message>
            <source>Reading the MIDI files…</source>
            <translation>Leyendo los archivos MIDI…</translation>
        </message>
        <message>
            <source>Continuing “%1”…</source>
            <translation>Continuando «%1»…</translation>
        </message>
        <message>
            <source>Training “%1”</source>
            <translation>Entrenando «%1»</translation>
        </message>
        <message>
            <source>%p% — %1 left</source>
            <translation>%p% — quedan %1</translation>
        </message>
        <message>
            <source>“%1” is in the Model menu</source>
            <translation>«%1» está en el menú Modelo</translation>
        </message>
        <message>
            <source>It guesses what comes next %1 % of the time, better than the starting model's %2 %.</source>
            <translation>Acierta lo que sigue el %1 % de las veces, mejor que el %2 % del modelo inicial.</translation>
        </message>
        <message>
            <source>It guesses what comes next %1 % of the time, worse than the starting model's %2 %.</source>
            <translation>Acierta lo que sigue el %1 % de las veces, peor que el %2 % del modelo inicial.</translation>
        </message>
        <message>
            <source>It guesses what comes next %1 % of the time, as often as the starting model.</source>
            <translation>Acierta lo que sigue el %1 % de las veces, tanto como el modelo inicial.</translation>
        </message>
        <message>
            <source>On the held-out files the starting model guesses what comes next %1 % of the time.</source>
            <translation>En los archivos reservados, el modelo inicial acierta lo que sigue el %1 % de las veces.</translation>
        </message>
        <message>
            <source>Train Another…</source>
            <translation>Entrenar otro…</translation>
        </message>
        <message>
            <source>No update did better than the starting model on the held-out files, so “%1” keeps its weights.</source>
            <translation>Ninguna actualización mejoró al modelo inicial en los archivos reservados, así que “%1” conserva sus pesos.</translation>
        </message>
    </context>
    <context>
        <name>TrainingController</name>
        <message>
            <source>Stopped early: the held-out files no longer improved</source>
            <translation>Detenido antes: los archivos reservados ya no mejoraban</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>Detenido</translation>
        </message>
        <message>
            <source>Finished: the time is up</source>
            <translation>Terminado: se acabó el tiempo</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Musa: a melody-composition assistant.</source>
            <translation>Musa: un asistente para componer melodías.</translation>
        </message>
        <message>
            <source>Model file (default: $MUSA_MODEL or the shipped model).</source>
            <translation>Archivo del modelo (por omisión: $MUSA_MODEL o el modelo incluido).</translation>
        </message>
        <message>
            <source>SoundFont (.sf2/.sf3).</source>
            <translation>SoundFont (.sf2/.sf3).</translation>
        </message>
        <message>
            <source>Do not load the soundfont.</source>
            <translation>No cargar el soundfont.</translation>
        </message>
        <message>
            <source>Generate takes as soon as the model is loaded.</source>
            <translation>Generar tomas en cuanto se cargue el modelo.</translation>
        </message>
        <message>
            <source>Lock the seed to this value.</source>
            <translation>Fijar la semilla en este valor.</translation>
        </message>
        <message>
            <source>Primer as melody events: "60 -2 62" (-2 hold, -1 rest).</source>
            <translation>Motivo inicial como eventos de melodía: "60 -2 62" (-2 mantener, -1 silencio).</translation>
        </message>
        <message>
            <source>Save a picture of the window to this file and quit.</source>
            <translation>Guardar una imagen de la ventana en este archivo y salir.</translation>
        </message>
        <message>
            <source>Print start-up timings (window, model, audio) and quit.</source>
            <translation>Mostrar los tiempos de arranque (ventana, modelo, audio) y salir.</translation>
        </message>
        <message>
            <source>Language of the window: es, en, … (default: the system's).</source>
            <translation>Idioma de la ventana: es, en, … (por defecto, el del sistema).</translation>
        </message>
        <message>
            <source>A Musa project (.musa) to open.</source>
            <translation>Un proyecto de Musa (.musa) que abrir.</translation>
        </message>
        <message>
            <source>With --generate-on-start: save a picture of take 1's score and quit.</source>
            <translation>Con --generate-on-start: guardar una imagen de la partitura de la toma 1 y salir.</translation>
        </message>
    </context>
</TS>