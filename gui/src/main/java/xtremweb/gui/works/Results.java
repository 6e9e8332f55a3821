package xtremweb.gui.works;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JOptionPane;
import xtremweb.client.result.ResultRetriever;
import xtremweb.common.model.WorkStatus;
import xtremweb.common.wire.WorkView;
import xtremweb.gui.files.LocalFiles;
import xtremweb.gui.frame.Shell;
import xtremweb.gui.session.Session;

/**
 * Brings results home as {@code xwresult} does (the same library): each into {@code FOLDER/<work UID>/},
 * downloaded with progress (a cut transfer resumes where it stopped, even in a later try), checked
 * against the server's SHA-256, extracted safely, then opened with the desktop's file manager.
 */
public final class Results {
    private Results() {
    }

    /** Downloads the results of the COMPLETED works among {@code works}, into a folder the user picks. */
    public static void download(Shell shell, Session session, List<WorkView> works) {
        List<WorkView> completed = works.stream()
                .filter(w -> w.status() == WorkStatus.COMPLETED && w.resultDataUid() != null).toList();
        if (completed.isEmpty()) {
            shell.status().say("No result to download: only COMPLETED works have one");
            return;
        }
        LocalFiles.chooseFolder(shell.window(), shell.prefs(), "results",
                "Download " + (completed.size() == 1 ? "the result" : completed.size() + " results") + " into")
                .ifPresent(folder -> download(shell, session, completed, folder));
    }

    /** Downloads into {@code folder}, asking before replacing results already there. */
    public static void download(Shell shell, Session session, List<WorkView> completed, Path folder) {
        long there = completed.stream().filter(w -> Files.exists(folder.resolve(w.uid()))).count();
        if (there > 0 && JOptionPane.showConfirmDialog(shell.window(), there == 1
                        ? "The result of this work is already in " + folder + ". Replace it?"
                        : there + " of these results are already in " + folder + ". Replace them?",
                "Replace results?", JOptionPane.OK_CANCEL_OPTION, JOptionPane.QUESTION_MESSAGE) != JOptionPane.OK_OPTION) {
            return;
        }
        String what = completed.size() == 1 ? "Downloading the result of " + label(completed.get(0))
                : "Downloading " + completed.size() + " results";
        shell.background().run(what, progress -> {
            ResultRetriever retriever = new ResultRetriever(session.client(), progress);
            List<Path> where = new ArrayList<>();
            for (WorkView work : completed) {
                where.add(retriever.retrieve(work, new ResultRetriever.Options(folder, true, false, true, true)));
            }
            return where;
        }, where -> {
            Path shown = where.size() == 1 ? where.get(0) : folder;
            shell.status().say((where.size() == 1 ? "Result in " : where.size() + " results in ") + shown);
            shell.background().quietly("Opening " + shown, p -> LocalFiles.open(shown), opened -> { }, error -> { });
        });
    }

    static String label(WorkView work) {
        return work.label() == null || work.label().isBlank() ? WorksSource.shortUid(work.uid()) : "'" + work.label() + "'";
    }
}
